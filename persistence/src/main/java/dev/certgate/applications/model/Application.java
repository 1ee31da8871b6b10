package dev.certgate.applications.model;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An application behind the gateway: its backends and the domains it is reached by. */
@Entity
@Table(name = "application")
@NamedQuery(name = Application.ALL_BY_NAME, query = "select a from Application a order by a.name")
@NamedQuery(name = Application.DOMAINS_USING_CERTIFICATE,
        query = "select d.name from Application a join a.domains d where d.certificateId = :certificate order by d.name")
@NamedQuery(name = Application.DOMAINS_USING_CERTIFICATES,
        query = "select d.certificateId, d.name from Application a join a.domains d where d.certificateId in :certificates"
                + " order by d.name")
@NamedQuery(name = Application.BY_NAME, query = "select a from Application a where lower(a.name) = :name")
@NamedQuery(name = Application.OWNER_OF_DOMAIN,
        query = "select a from Application a join a.domains d where d.name = :domain")
public class Application {

    public static final String ALL_BY_NAME = "Application.allByName";
    public static final String DOMAINS_USING_CERTIFICATE = "Application.domainsUsingCertificate";
    public static final String DOMAINS_USING_CERTIFICATES = "Application.domainsUsingCertificates";
    public static final String BY_NAME = "Application.byName";
    public static final String OWNER_OF_DOMAIN = "Application.ownerOfDomain";

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "name", nullable = false, unique = true)
    private String name;

    @Column(name = "backends", nullable = false, length = 4000)
    private String backends;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "domain", joinColumns = @JoinColumn(name = "application_id"))
    @OrderColumn(name = "position")
    private List<DomainBinding> domains = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "updated_by")
    private String updatedBy;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Application() {
        // for JPA
    }

    public Application(String id, String name, List<String> backends, List<DomainBinding> domains, String by,
                       Instant at) {
        this.id = Objects.requireNonNull(id, "id");
        this.createdBy = Objects.requireNonNull(by, "by");
        this.createdAt = Objects.requireNonNull(at, "at");
        apply(name, backends, domains);
    }

    /** Replaces name, backends and domains (the caller has checked them). */
    public void redefine(String name, List<String> backends, List<DomainBinding> domains, String by, Instant at) {
        apply(name, backends, domains);
        this.updatedBy = Objects.requireNonNull(by, "by");
        this.updatedAt = Objects.requireNonNull(at, "at");
    }

    private void apply(String name, List<String> backends, List<DomainBinding> domains) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an application has a name");
        }
        this.name = name.strip();
        this.backends = String.join("\n", List.copyOf(backends));
        this.domains.clear();
        this.domains.addAll(domains);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public List<String> backends() {
        return backends.isEmpty() ? List.of() : List.of(backends.split("\n"));
    }

    public List<DomainBinding> domains() {
        return List.copyOf(domains);
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }
}
