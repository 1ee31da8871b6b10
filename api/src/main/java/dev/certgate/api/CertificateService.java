package dev.certgate.api;

import jakarta.ejb.Remote;

import java.util.List;

/**
 * Keeps the installation's certificates. Every change is live on the gateway once its transaction commits.
 */
@Remote
public interface CertificateService {

    /**
     * Stores a certificate with its private key; the key is sealed before it reaches the database.
     *
     * @param chainPem      the certificate chain as PEM, leaf first; null or blank is refused with a message
     * @param privateKeyPem the leaf's private key as PEM (PKCS#8, PKCS#1 or SEC1); null or blank is refused
     * @return the stored certificate
     * @throws InvalidInputException        an input is empty, not PEM, or lacks the certificate or the key
     * @throws KeyMismatchException         the key is not the certificate's
     * @throws CertificateExpiredException  the certificate has expired
     * @throws DuplicateCertificateException the same certificate is already stored
     */
    CertificateView importPem(String chainPem, String privateKeyPem) throws CertgateException;

    /** Every stored certificate, soonest expiry first. */
    List<CertificateView> list();
}
