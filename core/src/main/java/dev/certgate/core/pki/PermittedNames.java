package dev.certgate.core.pki;

import dev.certgate.core.BadInputException;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the local CA may issue for: its permitted subtrees (RFC 5280 name constraints). A domain {@code example.com}
 * permits that name and every name under it ({@code www.example.com}, {@code *.shop.example.com}). None at all means
 * an unconstrained CA.
 *
 * <p>A CA with permitted names issues no IP address, both by certgate's own check before signing and, through
 * {@link #extension()}, for every verifier that reads the root's NameConstraints extension. IP ranges are not
 * offered: the JDK's verifier fails (an ArrayIndexOutOfBoundsException in {@code IPAddressName.constrains}) when an
 * IPv4 address meets an IPv6 subtree, and compares an IPv6 address with an IPv4 range byte by byte, so Java clients
 * would refuse good certificates or accept bad ones. A domain that is a single label ({@code test},
 * {@code localhost}) or a public suffix ({@code com}, {@code co.uk}) is refused: it would permit names of strangers.
 * Immutable.
 */
public final class PermittedNames {

    /** Field name of the permitted names in {@link BadInputException#field()}, as the API names it. */
    public static final String FIELD = "permittedNames";
    /** The most entries a CA may carry. */
    public static final int MAX_ENTRIES = 50;

    private static final PermittedNames NONE = new PermittedNames(List.of());

    private final List<String> domains;

    private PermittedNames(List<String> domains) {
        this.domains = List.copyOf(domains);
    }

    /** No constraints: the CA may issue for any name. */
    public static PermittedNames none() {
        return NONE;
    }

    /**
     * The permitted names as a user typed them: domains ({@code example.com}; a leading dot is dropped, a
     * {@code *.} refused: a domain covers every name under it). Blank entries and repeats are dropped; an empty
     * collection is {@link #none()}.
     *
     * @throws BadInputException on field {@value #FIELD}, naming the first entry refused and why
     */
    public static PermittedNames parse(Collection<String> entries) throws BadInputException {
        Objects.requireNonNull(entries, "entries");
        Set<String> domains = new LinkedHashSet<>();
        for (String entry : entries) {
            if (entry != null && !entry.isBlank()) {
                domains.add(domain(entry.strip()));
            }
        }
        if (domains.size() > MAX_ENTRIES) {
            throw new BadInputException(FIELD, "A local CA can carry at most " + MAX_ENTRIES + " permitted names; "
                    + domains.size() + " were given.");
        }
        return domains.isEmpty() ? NONE : new PermittedNames(new ArrayList<>(domains));
    }

    /** The constraints a CA certificate carries in its NameConstraints extension; {@link #none()} without one. */
    public static PermittedNames of(X509Certificate ca) {
        byte[] value = ca.getExtensionValue(Extension.nameConstraints.getId());
        if (value == null) {
            return NONE;
        }
        NameConstraints constraints = NameConstraints.getInstance(ASN1OctetString.getInstance(value).getOctets());
        List<String> domains = new ArrayList<>();
        GeneralSubtree[] permitted = constraints.getPermittedSubtrees();
        for (GeneralSubtree subtree : permitted == null ? new GeneralSubtree[0] : permitted) {
            if (subtree.getBase().getTagNo() == GeneralName.dNSName) {
                domains.add(subtree.getBase().getName().toString());
            }
        }
        return domains.isEmpty() ? NONE : new PermittedNames(domains);
    }

    /** Whether there are no constraints. */
    public boolean isNone() {
        return domains.isEmpty();
    }

    /** The permitted domains, normalised, in the order given. */
    public List<String> domains() {
        return domains;
    }

    /**
     * Whether a DNS name of a certificate (a normalised host name or a one-label wildcard) lies in a permitted
     * domain: the domain itself or a name under it, as RFC 5280 compares dNSName constraints. Always, with none.
     */
    public boolean permits(String dnsName) {
        if (isNone()) {
            return true;
        }
        for (String domain : domains) {
            if (dnsName.equals(domain) || dnsName.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the CA may issue for an IP address: only when it has no constraints. */
    public boolean permitsIpAddresses() {
        return isNone();
    }

    /**
     * The NameConstraints extension for a CA certificate: the permitted domains, and every IPv4 and IPv6 address
     * excluded (RFC 5280 leaves a kind of name that no subtree names unconstrained). IPv4 is listed first: the JDK
     * compares an address with each excluded subtree in turn, so an IPv4 address is refused by the first and never
     * meets the IPv6 one (which would fail, see above); an IPv6 address is refused by the first as well. Null for
     * {@link #none()}.
     */
    NameConstraints extension() {
        if (isNone()) {
            return null;
        }
        GeneralSubtree[] permitted = domains.stream()
                .map(domain -> new GeneralSubtree(new GeneralName(GeneralName.dNSName, domain)))
                .toArray(GeneralSubtree[]::new);
        GeneralSubtree[] excluded = {
                new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[8]))),
                new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[32])))};
        return new NameConstraints(permitted, excluded);
    }

    private static String domain(String text) throws BadInputException {
        String given = text;
        if (given.startsWith("*.")) {
            throw new BadInputException(FIELD, "Write the permitted name " + text + " as " + text.substring(2)
                    + ": a permitted domain covers itself and every name under it.");
        }
        if (CertificateRequest.ipAddress(given.split("/")[0], FIELD, "permitted name") != null) {
            throw new BadInputException(FIELD, "The permitted name " + text + " is an IP address or range. A local CA "
                    + "with permitted names issues for host names only; leave IP addresses to an unconstrained CA "
                    + "or a self-signed certificate.");
        }
        if (given.startsWith(".")) {
            given = given.substring(1);
        }
        String name = CertificateRequest.hostName(given, FIELD, "permitted name");
        if (name.startsWith("*.")) {
            throw new BadInputException(FIELD, "Write the permitted name " + text + " without the wildcard.");
        }
        if (name.indexOf('.') < 0) {
            throw new BadInputException(FIELD, "The permitted name " + name + " is a single label: it would let "
                    + "the local CA issue for every name under ." + name + ", including names of other "
                    + "people. Name a domain of your own, such as intranet.example.com.");
        }
        if (PublicSuffixes.isPublicSuffix(name)) {
            throw new BadInputException(FIELD, "The permitted name " + name + " is a public suffix (anyone can "
                    + "register a name under it): it would let the local CA issue for other people's domains. "
                    + "Name your own domain under it, for example example." + name + ".");
        }
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PermittedNames other && domains.equals(other.domains);
    }

    @Override
    public int hashCode() {
        return domains.hashCode();
    }

    @Override
    public String toString() {
        return isNone() ? "PermittedNames[any]" : "PermittedNames" + domains;
    }
}
