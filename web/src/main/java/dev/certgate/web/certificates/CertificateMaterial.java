package dev.certgate.web.certificates;

import dev.certgate.api.CertgateException;
import dev.certgate.api.CertificateService;
import dev.certgate.api.CertificateView;
import dev.certgate.api.FileImportRequest;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.PemImportRequest;
import dev.certgate.api.Pkcs12ImportRequest;
import org.primefaces.model.file.UploadedFile;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a user gives to add or replace a certificate: pasted PEM text, or uploaded files (a certificate file with its
 * key file, or one PKCS#12 file), a passphrase or password, a description. Which service call it becomes follows
 * from what was given; the service checks everything. Key text, files and passwords are dropped as soon as they have
 * been submitted, whatever the outcome, and are never shown back.
 */
public final class CertificateMaterial implements Serializable {

    private static final long serialVersionUID = 1L;

    private String chainPem;
    private transient String privateKeyPem;
    private transient String passphrase;
    private transient UploadedFile certificateFile;
    private transient UploadedFile keyFile;
    private String description;

    /**
     * Stores what was given as a new certificate, or, with an id, as the new material of that certificate.
     *
     * @param id      the certificate to replace; null to add one
     * @param version the version of it the user saw
     */
    CertificateView submit(CertificateService service, String id, long version) throws CertgateException {
        String key = privateKeyPem;
        char[] secret = passphrase == null || passphrase.isEmpty() ? null : passphrase.toCharArray();
        UploadedFile certificate = certificateFile;
        UploadedFile keyUpload = keyFile;
        privateKeyPem = null;
        passphrase = null;
        certificateFile = null;
        keyFile = null;
        CertificateView stored;
        if (given(certificate)) {
            if (isPkcs12(certificate, keyUpload)) {
                Pkcs12ImportRequest request = new Pkcs12ImportRequest(certificate.getContent(), secret, description);
                stored = id == null ? service.importPkcs12(request) : service.replacePkcs12(id, version, request);
            } else {
                if (!given(keyUpload) && (key == null || key.isBlank())) {
                    throw new InvalidInputException("privateKey", "Upload the private key file with the certificate "
                            + "file (or upload a PKCS#12 file, .p12 or .pfx, which holds both).");
                }
                byte[] keyBytes = given(keyUpload) ? keyUpload.getContent() : key.getBytes(StandardCharsets.US_ASCII);
                FileImportRequest request = new FileImportRequest(certificate.getContent(), keyBytes, secret,
                        description);
                stored = id == null ? service.importFiles(request) : service.replaceFiles(id, version, request);
            }
        } else if (given(keyUpload)) {
            throw new InvalidInputException("certificate", "Upload the certificate file with the key file.");
        } else {
            PemImportRequest request = new PemImportRequest(chainPem, key, secret, description);
            stored = id == null ? service.importPem(request) : service.replacePem(id, version, request);
        }
        chainPem = null;
        description = null;
        return stored;
    }

    /** Whether a file was uploaded (certificate, PKCS#12 or key). */
    boolean hasFiles() {
        return given(certificateFile) || given(keyFile);
    }

    /** A .p12 or .pfx file, or a file that is neither PEM text nor given with a key. */
    private static boolean isPkcs12(UploadedFile file, UploadedFile key) {
        String name = file.getFileName() == null ? "" : file.getFileName().toLowerCase(Locale.ROOT);
        if (name.endsWith(".p12") || name.endsWith(".pfx")) {
            return true;
        }
        if (name.endsWith(".der") || name.endsWith(".cer") || name.endsWith(".crt") || name.endsWith(".pem")) {
            return false;
        }
        return !given(key) && !new String(file.getContent(), 0, Math.min(file.getContent().length, 1024),
                StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
    }

    private static boolean given(UploadedFile file) {
        return file != null && file.getSize() > 0;
    }

    public String getChainPem() {
        return chainPem;
    }

    public void setChainPem(String chainPem) {
        this.chainPem = chainPem;
    }

    /** Always empty: a private key is never shown back. */
    public String getPrivateKeyPem() {
        return null;
    }

    public void setPrivateKeyPem(String privateKeyPem) {
        this.privateKeyPem = privateKeyPem;
    }

    /** Always empty: a passphrase is never shown back. */
    public String getPassphrase() {
        return null;
    }

    public void setPassphrase(String passphrase) {
        this.passphrase = passphrase;
    }

    public UploadedFile getCertificateFile() {
        return null;
    }

    public void setCertificateFile(UploadedFile certificateFile) {
        this.certificateFile = certificateFile;
    }

    public UploadedFile getKeyFile() {
        return null;
    }

    public void setKeyFile(UploadedFile keyFile) {
        this.keyFile = keyFile;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }
}
