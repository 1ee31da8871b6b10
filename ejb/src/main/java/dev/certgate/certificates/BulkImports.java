package dev.certgate.certificates;

import dev.certgate.api.AuditAction;
import dev.certgate.api.BulkImportLine;
import dev.certgate.api.BulkImportRequest;
import dev.certgate.api.BulkImportResult;
import dev.certgate.api.BulkImportStatus;
import dev.certgate.api.CertgateException;
import dev.certgate.api.ImportFile;
import dev.certgate.api.InvalidInputException;
import dev.certgate.boundary.CoreFailures;
import dev.certgate.certificates.model.Certificate;
import dev.certgate.api.CertificateSource;
import dev.certgate.core.CoreException;
import dev.certgate.core.pki.BulkImport;
import dev.certgate.core.pki.LeafCertificate;
import dev.certgate.logging.CertgateLog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A bulk import: the PKI core plans it ({@link BulkImport}: reading, pairing, checking), this class stores the
 * plan's certificates through the {@link CertificateWriter} — the same path as a single import — and words every
 * line for the user.
 */
final class BulkImports {

    static final AuditAction ACTION = AuditAction.CERTIFICATE_IMPORT;

    private BulkImports() {
    }

    static BulkImportResult run(BulkImportRequest request, CertificateWriter writer) throws CertgateException {
        if (request == null || request.files() == null) {
            throw new InvalidInputException(BulkImport.FILES, "No files were given. Choose the certificate and key "
                    + "files (PEM, DER, PKCS#12) or a ZIP of them.");
        }
        List<BulkImport.SourceFile> files = new ArrayList<>();
        for (ImportFile file : request.files()) {
            if (file == null || file.name() == null || file.name().isBlank() || file.content() == null) {
                throw new InvalidInputException(BulkImport.FILES, "Every file needs a name and its content.");
            }
            files.add(new BulkImport.SourceFile(file.name(), file.content(), file.origin(), file.acme()));
        }
        long started = System.nanoTime();
        List<BulkImport.Item> plan;
        try {
            plan = BulkImport.plan(files, request.passphrase(), request.importExpired(), Instant.now());
        } catch (CoreException e) {
            throw CoreFailures.toApi(e);
        }
        long planned = System.nanoTime();
        List<BulkImportLine> lines = new ArrayList<>();
        String anyStored = null;
        for (BulkImport.Item item : plan) {
            BulkImportLine line = line(item, request, writer);
            lines.add(line);
            if (line.status() == BulkImportStatus.IMPORTED && line.certificateId() != null) {
                anyStored = line.certificateId();
                writer.flushAndClear();
            }
        }
        if (anyStored != null) {
            writer.announce(anyStored); // one refresh of the gateway for the whole batch, after the commit
        }
        BulkImportResult result = new BulkImportResult(request.dryRun(), lines);
        CertgateLog.bulkImported(files.size(), result.count(BulkImportStatus.IMPORTED),
                result.count(BulkImportStatus.DUPLICATE), result.count(BulkImportStatus.EXPIRED),
                result.count(BulkImportStatus.REFUSED), request.dryRun(), (planned - started) / 1_000_000,
                (System.nanoTime() - started) / 1_000_000);
        return result;
    }

    private static BulkImportLine line(BulkImport.Item item, BulkImportRequest request, CertificateWriter writer)
            throws CertgateException {
        if (item instanceof BulkImport.Refused refused) {
            return new BulkImportLine(item.files(), BulkImportStatus.REFUSED, null, null, null,
                    CoreFailures.toApi(refused.reason()).getMessage());
        }
        if (item instanceof BulkImport.Expired expired) {
            LeafCertificate leaf = expired.leaf();
            return new BulkImportLine(item.files(), BulkImportStatus.EXPIRED, leaf.commonName(),
                    leaf.fingerprintSha256(), null, "The certificate for " + leaf.commonName() + " expired at "
                    + leaf.notAfter() + "; it was not imported (ask for expired certificates to import it anyway).");
        }
        if (item instanceof BulkImport.Repeated repeated) {
            LeafCertificate leaf = repeated.leaf();
            return new BulkImportLine(item.files(), BulkImportStatus.DUPLICATE, leaf.commonName(),
                    leaf.fingerprintSha256(), null, "The batch holds the certificate for " + leaf.commonName()
                    + " more than once; it was taken once.");
        }
        BulkImport.Ready ready = (BulkImport.Ready) item;
        LeafCertificate leaf = ready.material().leaf();
        Optional<String> stored = writer.idOf(leaf.fingerprintSha256());
        if (stored.isPresent()) {
            return new BulkImportLine(item.files(), BulkImportStatus.DUPLICATE, leaf.commonName(),
                    leaf.fingerprintSha256(), stored.get(), "The certificate for " + leaf.commonName()
                    + " is stored already; skipped.");
        }
        String detail = String.join(" ", ready.material().warnings());
        if (request.dryRun()) {
            return new BulkImportLine(item.files(), BulkImportStatus.IMPORTED, leaf.commonName(),
                    leaf.fingerprintSha256(), null, detail);
        }
        Certificate certificate = writer.storeQuietly(ready.acme() ? CertificateSource.ACME : CertificateSource.UPLOADED,
                ready.material(), request.description(), ACTION, ready.origin());
        return new BulkImportLine(item.files(), BulkImportStatus.IMPORTED, leaf.commonName(),
                leaf.fingerprintSha256(), certificate.id(), detail);
    }
}
