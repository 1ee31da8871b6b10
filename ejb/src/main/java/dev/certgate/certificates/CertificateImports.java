package dev.certgate.certificates;

import dev.certgate.api.CertgateException;
import dev.certgate.api.FileImportRequest;
import dev.certgate.api.PemImportRequest;
import dev.certgate.api.Pkcs12ImportRequest;
import dev.certgate.pki.CertificateImport;
import dev.certgate.pki.ImportedCertificate;
import dev.certgate.pki.PemImport;

import java.time.Instant;

/** Turns the service's import requests into checked certificates with the PKI core. */
final class CertificateImports {

    private CertificateImports() {
    }

    static ImportedCertificate fromPem(PemImportRequest request) throws CertgateException {
        return PemImport.parse(request.certificate(), request.privateKey(), request.passphrase(), Instant.now());
    }

    static ImportedCertificate fromFiles(FileImportRequest request) throws CertgateException {
        return CertificateImport.fromFiles(request.certificate(), request.privateKey(), request.passphrase(),
                Instant.now());
    }

    static ImportedCertificate fromPkcs12(Pkcs12ImportRequest request) throws CertgateException {
        return CertificateImport.fromPkcs12(request.pkcs12() == null ? new byte[0] : request.pkcs12(),
                request.password(), Instant.now());
    }
}
