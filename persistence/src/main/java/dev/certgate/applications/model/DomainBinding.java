package dev.certgate.applications.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.util.Objects;

/**
 * A domain of an application and how it is served: with a stored certificate, or with an ACME certificate (exactly
 * one). The name is normalised (punycode, lower case) before it gets here.
 */
@Embeddable
public class DomainBinding {

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "certificate_id", length = 36)
    private String certificateId;

    @Column(name = "acme_challenge", length = 16)
    private String acmeChallenge;

    @Column(name = "acme_key_type", length = 16)
    private String acmeKeyType;

    /** The CA's certificate profile to order with; null for the ACME account's default. */
    @Column(name = "acme_profile", length = 64)
    private String acmeProfile;

    @Column(name = "redirect_https", nullable = false)
    private boolean redirectHttps;

    @Column(name = "hsts", nullable = false)
    private boolean hsts;

    protected DomainBinding() {
        // for JPA
    }

    private DomainBinding(String name, String certificateId, String acmeChallenge, String acmeKeyType,
                          boolean redirectHttps, boolean hsts) {
        this.name = Objects.requireNonNull(name, "name");
        this.certificateId = certificateId;
        this.acmeChallenge = acmeChallenge;
        this.acmeKeyType = acmeKeyType;
        this.redirectHttps = redirectHttps;
        this.hsts = hsts;
    }

    /** Served with the stored certificate {@code certificateId}. */
    public static DomainBinding withCertificate(String name, String certificateId, boolean redirectHttps,
                                                boolean hsts) {
        return new DomainBinding(name, Objects.requireNonNull(certificateId, "certificateId"), null, null,
                redirectHttps, hsts);
    }

    /** Served with a certificate that ACME obtains with {@code challenge} for a key of {@code keyType}. */
    public static DomainBinding withAcme(String name, String challenge, String keyType, boolean redirectHttps,
                                         boolean hsts) {
        return new DomainBinding(name, null, Objects.requireNonNull(challenge, "challenge"),
                Objects.requireNonNull(keyType, "keyType"), redirectHttps, hsts);
    }

    public String name() {
        return name;
    }

    /**
     * A domain served with a certificate that ACME obtains; {@code acmeCertificateId} is the one it obtained last
     * (null until the first is issued), which the gateway serves for this name.
     */
    public static DomainBinding withAcme(String name, String challenge, String keyType, String acmeCertificateId,
                                         boolean redirectHttps, boolean hsts) {
        return new DomainBinding(name, acmeCertificateId, Objects.requireNonNull(challenge, "challenge"),
                Objects.requireNonNull(keyType, "keyType"), redirectHttps, hsts);
    }

    /**
     * As {@link #withAcme(String, String, String, String, boolean, boolean)}, ordered with the CA's certificate
     * profile {@code profile} (null: the ACME account's default).
     */
    public static DomainBinding withAcme(String name, String challenge, String keyType, String profile,
                                         String acmeCertificateId, boolean redirectHttps, boolean hsts) {
        DomainBinding binding = withAcme(name, challenge, keyType, acmeCertificateId, redirectHttps, hsts);
        binding.acmeProfile = profile;
        return binding;
    }

    /** The CA's certificate profile this domain is ordered with; null for the account's default (or none). */
    public String acmeProfile() {
        return acmeProfile;
    }

    /** Whether ACME provides this domain's certificate. */
    public boolean usesAcme() {
        return acmeChallenge != null;
    }

    /**
     * The certificate served for this name: the stored one bound to it, or the one ACME obtained last (null when
     * ACME has not issued one yet).
     */
    public String certificateId() {
        return certificateId;
    }

    /** The ACME challenge type, or null when a stored certificate is bound. */
    public String acmeChallenge() {
        return acmeChallenge;
    }

    public String acmeKeyType() {
        return acmeKeyType;
    }

    public boolean redirectHttps() {
        return redirectHttps;
    }

    public boolean hsts() {
        return hsts;
    }
}
