package dev.certgate.certificates;

import dev.certgate.api.CertgateException;
import dev.certgate.api.FileImportRequest;
import dev.certgate.api.PemImportRequest;
import dev.certgate.api.Pkcs12ImportRequest;
import dev.certgate.boundary.CoreFailures;
import dev.certgate.core.CoreException;
import dev.certgate.core.pki.CertificateImport;
import dev.certgate.core.pki.ImportedCertificate;
import dev.certgate.core.pki.PemImport;

import java.time.Instant;

/** Turns the service's import requests into checked certificates with the PKI core. */
final class CertificateImports {

    private CertificateImports() {
    }

    static ImportedCertificate fromPem(PemImportRequest request) throws CertgateException {
        try {
            return PemImport.parse(request.certificate(), request.privateKey(), request.passphrase(), Instant.now());
        } catch (CoreException e) {
            throw CoreFailures.toApi(e);
        }
    }

    static ImportedCertificate fromFiles(FileImportRequest request) throws CertgateException {
        try {
            return CertificateImport.fromFiles(request.certificate(), request.privateKey(), request.passphrase(),
                    Instant.now());
        } catch (CoreException e) {
            throw CoreFailures.toApi(e);
        }
    }

    static ImportedCertificate fromPkcs12(Pkcs12ImportRequest request) throws CertgateException {
        try {
            return CertificateImport.fromPkcs12(request.pkcs12() == null ? new byte[0] : request.pkcs12(),
                    request.password(), Instant.now());
        } catch (CoreException e) {
            throw CoreFailures.toApi(e);
        }
    }
}
