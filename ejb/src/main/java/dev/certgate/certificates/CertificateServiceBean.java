package dev.certgate.certificates;

import dev.certgate.api.AuditAction;
import dev.certgate.api.BulkImportRequest;
import dev.certgate.api.BulkImportResult;
import dev.certgate.api.CertgateException;
import dev.certgate.api.CertificateInUseException;
import dev.certgate.api.CertificateNotFoundException;
import dev.certgate.api.CertificatePage;
import dev.certgate.api.CertificateQuery;
import dev.certgate.api.CertificateService;
import dev.certgate.api.CertificateSource;
import dev.certgate.api.CertificateView;
import dev.certgate.api.FileImportRequest;
import dev.certgate.api.IssueRequest;
import dev.certgate.api.LocalCaView;
import dev.certgate.api.PemImportRequest;
import dev.certgate.api.Pkcs12ImportRequest;
import dev.certgate.api.Roles;
import dev.certgate.audit.AuditLog;
import dev.certgate.boundary.CoreFailures;
import dev.certgate.certificates.model.Certificate;
import dev.certgate.core.CoreException;
import dev.certgate.core.pki.CertificateRequest;
import dev.certgate.core.pki.ImportedCertificate;
import dev.certgate.core.pki.KeySpec;
import dev.certgate.core.pki.CertificateDetails;
import dev.certgate.core.pki.Pem;
import dev.certgate.core.pki.PermittedNames;
import dev.certgate.core.pki.Pkcs12Export;
import dev.certgate.core.pki.SelfSigned;
import dev.certgate.vault.Vault;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores, replaces, deletes and lists certificates. Input is fully checked by the PKI core before anything is
 * written; any {@link CertgateException} rolls the transaction back, so a failed call leaves nothing behind. Every
 * change is audited and, once committed, served by the gateway.
 */
@Stateless
@DeclareRoles({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
public class CertificateServiceBean implements CertificateService {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @EJB
    private Vault vault;

    @EJB
    private AuditLog audit;

    @EJB
    private LocalCaKeeper localCa;

    @Resource
    private SessionContext session;

    @EJB
    private CertificateWriter writer;

    @Inject
    private Event<CertificatesChanged> changed;

    /** The capabilities that serve certificates (domains, the gateway's default); their tables are theirs. */
    @Inject
    @Any
    private Instance<CertificateUsers> users;

    @Override
    public CertificateView importPem(PemImportRequest request) throws CertgateException {
        return store(CertificateSource.UPLOADED, CertificateImports.fromPem(request), request.description(),
                AuditAction.CERTIFICATE_IMPORT);
    }

    @Override
    public CertificateView importPkcs12(Pkcs12ImportRequest request) throws CertgateException {
        return store(CertificateSource.UPLOADED, CertificateImports.fromPkcs12(request), request.description(),
                AuditAction.CERTIFICATE_IMPORT);
    }

    @Override
    public CertificateView importFiles(FileImportRequest request) throws CertgateException {
        return store(CertificateSource.UPLOADED, CertificateImports.fromFiles(request), request.description(),
                AuditAction.CERTIFICATE_IMPORT);
    }

    @Override
    public BulkImportResult importBulk(BulkImportRequest request) throws CertgateException {
        return BulkImports.run(request, writer);
    }

    @Override
    public CertificateView selfSign(IssueRequest request) throws CertgateException {
        return store(CertificateSource.SELF_SIGNED, SelfSigned.issue(toPki(request), Instant.now()),
                request.description(), AuditAction.CERTIFICATE_SELF_SIGN);
    }

    @Override
    public CertificateView issueFromLocalCa(IssueRequest request) throws CertgateException {
        CertificateRequest pkiRequest = toPki(request);
        ImportedCertificate issued;
        try {
            issued = localCa.obtain().issue(pkiRequest, Instant.now());
        } catch (CoreException e) {
            throw CoreFailures.toApi(e);
        }
        return store(CertificateSource.LOCAL_CA, issued, request.description(),
                AuditAction.CERTIFICATE_LOCAL_CA_ISSUE);
    }

    @Override
    public LocalCaView createLocalCa(List<String> permittedNames) throws CertgateException {
        PermittedNames permitted;
        try {
            permitted = PermittedNames.parse(permittedNames == null ? List.of() : permittedNames);
        } catch (CoreException e) {
            throw CoreFailures.toApi(e);
        }
        if (permitted.isNone() && !session.isCallerInRole(Roles.ADMIN)) {
            throw new CertgateException("Only an admin may create a local CA that issues for any name. Name the "
                    + "domains it may issue for (for example intranet.example.com), or ask an admin.");
        }
        return localCa.create(permitted);
    }

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public LocalCaView localCa() throws CertgateException {
        return localCa.view();
    }

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public String localCaRootPem() throws CertgateException {
        return localCa.rootPem();
    }

    @Override
    public CertificateView replacePem(String id, long version, PemImportRequest request) throws CertgateException {
        return replace(id, version, CertificateImports.fromPem(request), request.description());
    }

    @Override
    public CertificateView replacePkcs12(String id, long version, Pkcs12ImportRequest request)
            throws CertgateException {
        return replace(id, version, CertificateImports.fromPkcs12(request), request.description());
    }

    @Override
    public CertificateView replaceFiles(String id, long version, FileImportRequest request) throws CertgateException {
        return replace(id, version, CertificateImports.fromFiles(request), request.description());
    }

    @Override
    public void delete(String id) throws CertgateException {
        Certificate certificate = find(id);
        List<String> usedBy = new ArrayList<>(usedBy(certificate));
        for (CertificateUsers user : users) {
            usedBy.addAll(user.otherUsesOf(certificate.id()));
        }
        if (!usedBy.isEmpty()) {
            throw new CertificateInUseException(certificate.commonName(), usedBy);
        }
        em.remove(certificate);
        audit.record(AuditAction.CERTIFICATE_DELETE, id, "Deleted the certificate for " + certificate.commonName()
                + " (SHA-256 " + certificate.fingerprintSha256() + ").");
        changed.fire(new CertificatesChanged(id));
    }

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public CertificateView get(String id) throws CertgateException {
        return view(find(id));
    }

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public String chainPem(String id) throws CertgateException {
        return find(id).chainPem();
    }

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public byte[] certificateDer(String id) throws CertgateException {
        try {
            return Pem.readCertificates(find(id).chainPem()).get(0).getEncoded();
        } catch (CoreException e) {
            throw CoreFailures.toApi(e);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a stored certificate could not be encoded", e);
        }
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public byte[] exportPkcs12(String id, char[] password) throws CertgateException {
        Certificate certificate = find(id);
        byte[] file;
        try {
            file = Pkcs12Export.write(Pem.readCertificates(certificate.chainPem()),
                    vault.open(id, certificate.privateKey()), password, certificate.commonName());
        } catch (CoreException e) {
            throw CoreFailures.toApi(e);
        }
        audit.record(AuditAction.CERTIFICATE_EXPORT_PKCS12, id, "Exported the certificate for "
                + certificate.commonName()
                + " with its private key as PKCS#12.");
        return file;
    }

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public CertificatePage list(CertificateQuery query) throws CertgateException {
        return new CertificateSearch(em, query, Instant.now()).page(this::views);
    }

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public long count(CertificateQuery query) throws CertgateException {
        return new CertificateSearch(em, query, Instant.now()).count();
    }

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public List<CertificateView> items(CertificateQuery query) throws CertgateException {
        return new CertificateSearch(em, query, Instant.now()).items(this::views);
    }

    private CertificateView store(CertificateSource source, ImportedCertificate material, String description,
                                  AuditAction action) throws CertgateException {
        return view(writer.store(source, material, description, action));
    }

    private CertificateView replace(String id, long version, ImportedCertificate material, String description)
            throws CertgateException {
        return view(writer.replace(id, version, material, description));
    }

    private Certificate find(String id) throws CertificateNotFoundException {
        Certificate certificate = id == null ? null : em.find(Certificate.class, id);
        if (certificate == null) {
            throw new CertificateNotFoundException(String.valueOf(id));
        }
        return certificate;
    }

    /** The domains served with this certificate. */
    private List<String> usedBy(Certificate certificate) {
        return usedBy(List.of(certificate.id())).getOrDefault(certificate.id(), List.of());
    }

    /** The domains served with each of these certificates, by id, as the capabilities that serve them say. */
    private Map<String, List<String>> usedBy(List<String> ids) {
        Map<String, List<String>> usedBy = new HashMap<>();
        for (CertificateUsers user : users) {
            user.domainsServedWith(ids).forEach((id, domains) ->
                    usedBy.computeIfAbsent(id, any -> new ArrayList<>()).addAll(domains));
        }
        usedBy.replaceAll((id, domains) -> domains.stream().sorted().toList());
        return usedBy;
    }

    private static CertificateRequest toPki(IssueRequest request) throws CertgateException {
        try {
            CertificateRequest.Builder builder = CertificateRequest.builder()
                    .commonName(request.commonName())
                    .subjectAltNames(request.subjectAltNames())
                    .keySpec(request.keyType() == null ? KeySpec.DEFAULT : KeySpec.forType(request.keyType()));
            if (request.validityDays() != null) {
                builder.validityDays(request.validityDays());
            }
            return builder.build();
        } catch (CoreException e) {
            throw CoreFailures.toApi(e);
        }
    }

    /** Views of several certificates, with their domains fetched in one query. */
    private List<CertificateView> views(List<Certificate> certificates) {
        if (certificates.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> usedBy = usedBy(certificates.stream().map(Certificate::id).toList());
        return certificates.stream().map(c -> view(c, usedBy.getOrDefault(c.id(), List.of()))).toList();
    }

    CertificateView view(Certificate c) {
        return view(c, usedBy(c));
    }

    private static CertificateView view(Certificate c, List<String> usedBy) {
        List<String> sans = new ArrayList<>(c.names());
        sans.addAll(c.ipAddresses());
        X509Certificate leaf = leaf(c);
        return new CertificateView(c.id(), c.commonName(), sans, c.issuer(), c.serialNumber(), c.notBefore(),
                c.notAfter(), c.fingerprintSha256(), c.keyAlgorithm(), c.keySize(), c.selfSigned(), c.chainLength(),
                c.source(), c.description().orElse(null), usedBy, c.warnings(), c.createdAt(),
                c.createdBy(), c.updatedAt().orElse(null), c.updatedBy().orElse(null), c.version(),
                leaf == null ? List.of() : CertificateDetails.crlDistributionPoints(leaf),
                leaf == null ? List.of() : CertificateDetails.ocspResponders(leaf));
    }

    /**
     * The stored leaf, read again for the facts not kept in columns (where its revocation is published); null when
     * the stored chain cannot be read (it was checked when stored: a view shows what it can rather than fail).
     */
    private static X509Certificate leaf(Certificate c) {
        try {
            List<X509Certificate> chain = Pem.readStoredCertificates(c.chainPem());
            return chain.isEmpty() ? null : chain.get(0);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
