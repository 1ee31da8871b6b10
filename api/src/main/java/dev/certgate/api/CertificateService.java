package dev.certgate.api;

import jakarta.ejb.Remote;

import java.util.List;

/**
 * Keeps the installation's certificates. Every change is live on the gateway once its transaction commits, and is
 * written to the audit log. Any {@link CertgateException} leaves nothing changed.
 */
@Remote
public interface CertificateService {

    /**
     * Stores a certificate chain with its private key; the key is sealed before it reaches the database.
     *
     * @throws InvalidInputException         an input is empty, too large, not PEM, or lacks a part
     * @throws WrongPassphraseException      the key is encrypted and the passphrase is missing or wrong
     * @throws KeyMismatchException          the key is not the certificate's
     * @throws WeakKeyException              the key is too weak or of an unsupported kind
     * @throws CertificateExpiredException   the certificate has expired
     * @throws DuplicateCertificateException the same certificate is already stored
     */
    CertificateView importPem(PemImportRequest request) throws CertgateException;

    /** Stores the key, certificate and chain of a PKCS#12 file; faults as for {@link #importPem}. */
    CertificateView importPkcs12(Pkcs12ImportRequest request) throws CertgateException;

    /**
     * Stores an uploaded certificate file (DER or PEM) with its private key file (PEM or DER); faults as for
     * {@link #importPem}.
     */
    CertificateView importFiles(FileImportRequest request) throws CertgateException;

    /**
     * Imports many files at once (PEM, DER, PKCS#12, or ZIP archives of them): each private key is paired with the
     * certificate whose public key it matches and stored with the chain the batch holds for it, as
     * {@link #importFiles} would. A file that cannot be used is a line of the result with the reason, and does not
     * stop the others; every stored certificate is audited with its origin. The certificates are stored in one
     * transaction: a failure of the store itself leaves none of them.
     *
     * @throws InvalidInputException  the batch is empty or has more files than allowed
     * @throws InputTooLargeException the batch is too large
     */
    BulkImportResult importBulk(BulkImportRequest request) throws CertgateException;

    /** Makes and stores a self-signed certificate (for tests: browsers will warn). */
    CertificateView selfSign(IssueRequest request) throws CertgateException;

    /**
     * Makes and stores a certificate issued by the local CA.
     *
     * @throws LocalCaMissingException there is no local CA yet ({@link #createLocalCa})
     * @throws CertgateException       a name is outside the CA's permitted names, or a wildcard over a public suffix
     *                                 or a single label (category UNACCEPTABLE; nothing is signed or stored)
     */
    CertificateView issueFromLocalCa(IssueRequest request) throws CertgateException;

    /**
     * Creates the installation's local CA (admin, operator): a new root whose NameConstraints extension carries
     * {@code permittedNames}, fixed for the CA's life. Audited. An empty list makes a CA that may issue for any
     * name, which only an admin may create.
     *
     * @param permittedNames domains such as {@code intranet.example.com} (each permits itself and every name under
     *                       it); never a single label or a public suffix; may be empty, not null
     * @throws LocalCaExistsException there is one already
     * @throws InvalidInputException  a permitted name is refused (field {@code permittedNames})
     * @throws CertgateException      an operator asked for a CA without permitted names (UNACCEPTABLE)
     */
    LocalCaView createLocalCa(List<String> permittedNames) throws CertgateException;

    /** The local CA (every role). @throws LocalCaMissingException when there is none yet */
    LocalCaView localCa() throws CertgateException;

    /**
     * The local CA's root certificate as PEM; import it once to trust its leaves. Never creates it.
     *
     * @throws LocalCaMissingException when there is none yet
     */
    String localCaRootPem() throws CertgateException;

    /**
     * Replaces the certificate and key of a stored certificate, keeping its id, so every domain bound to it serves
     * the new one.
     *
     * @param version the version the caller read
     * @throws ConcurrentChangeException someone else changed it since
     */
    CertificateView replacePem(String id, long version, PemImportRequest request) throws CertgateException;

    /** As {@link #replacePem}, from a PKCS#12 file. */
    CertificateView replacePkcs12(String id, long version, Pkcs12ImportRequest request) throws CertgateException;

    /** As {@link #replacePem}, from uploaded files (see {@link #importFiles}). */
    CertificateView replaceFiles(String id, long version, FileImportRequest request) throws CertgateException;

    /** Deletes a certificate no domain uses. @throws CertificateInUseException when one does */
    void delete(String id) throws CertgateException;

    /** One certificate. @throws CertificateNotFoundException when there is none with this id */
    CertificateView get(String id) throws CertgateException;

    /** The public chain as PEM, leaf first. */
    String chainPem(String id) throws CertgateException;

    /** The leaf certificate, DER-encoded. */
    byte[] certificateDer(String id) throws CertgateException;

    /**
     * The certificate, its chain and its private key as a PKCS#12 file protected by {@code password} (at least 8
     * characters). Admin only; always audited. The only way a private key ever leaves certgate.
     */
    byte[] exportPkcs12(String id, char[] password) throws CertgateException;

    /** A page of the certificates matching a query. @throws InvalidInputException for a bad page, size or sort */
    CertificatePage list(CertificateQuery query) throws CertgateException;

    /**
     * How many certificates match a query, the count of {@link #list} alone (the query's page, size and sort do not
     * matter). A table that counts once and then asks for its pages uses this and {@link #items}.
     *
     * @throws InvalidInputException for a bad page, size or sort
     */
    long count(CertificateQuery query) throws CertgateException;

    /**
     * The certificates on a query's page, as {@link #list} has them, without counting every match.
     *
     * @throws InvalidInputException for a bad page, size or sort
     */
    List<CertificateView> items(CertificateQuery query) throws CertgateException;
}
