package dev.certgate.core.pki;

import dev.certgate.api.HostName;
import dev.certgate.core.BadInputException;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a certificate that certgate issues itself (self-signed or from the local CA) is for: the host names and IP
 * addresses it serves, its key type and how long it is valid. Names are checked and normalised when they are set
 * (trimmed, lower case, internationalised names in their ASCII "xn--" form, one trailing dot dropped), so a built
 * request always describes a certificate that browsers accept. Immutable; made with {@link #builder()}.
 *
 * <p>The common name is always the first DNS subject alternative name too, because browsers read only the
 * alternative names.
 */
public final class CertificateRequest {

    /** Field name of the common name in {@link BadInputException#field()}. */
    public static final String COMMON_NAME = "commonName";
    /** Field name of the alternative names. */
    public static final String SUBJECT_ALT_NAMES = "subjectAltNames";
    /** Field name of the validity. */
    public static final String VALIDITY_DAYS = "validityDays";

    /** Validity when none is given: a year, so a forgotten certificate still gets renewed yearly. */
    public static final int DEFAULT_VALIDITY_DAYS = 365;
    /**
     * The longest validity allowed: Apple platforms (macOS, iOS) refuse TLS server certificates valid for more than
     * 825 days even when their root was trusted by hand, as a local CA's or a self-signed one is.
     */
    public static final int MAX_VALIDITY_DAYS = 825;
    /** The most names (common name and alternative names together) one certificate may carry. */
    public static final int MAX_NAMES = 100;
    /** The most characters of a common name: the upper bound X.509 (RFC 5280) sets for a subject's CN. */
    public static final int MAX_COMMON_NAME_LENGTH = 64;

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-fA-F:.]+");

    private final String commonName;
    private final List<String> dnsNames;
    private final List<InetAddress> ipAddresses;
    private final KeySpec keySpec;
    private final int validityDays;

    private CertificateRequest(Builder builder) {
        this.commonName = builder.commonName;
        LinkedHashSet<String> names = new LinkedHashSet<>();
        names.add(builder.commonName);
        names.addAll(builder.dnsNames);
        this.dnsNames = List.copyOf(names);
        this.ipAddresses = List.copyOf(builder.ipAddresses);
        this.keySpec = builder.keySpec;
        this.validityDays = builder.validityDays;
    }

    /** A builder with no name, {@link KeySpec#DEFAULT} and {@link #DEFAULT_VALIDITY_DAYS}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A request for one name with the default key type and validity.
     *
     * @throws BadInputException on field {@value #COMMON_NAME} when the name is not a host name
     */
    public static CertificateRequest of(String commonName) throws BadInputException {
        return builder().commonName(commonName).build();
    }

    /** The subject's CN: a host name or a one-label wildcard ({@code *.example.com}), normalised. */
    public String commonName() {
        return commonName;
    }

    /** The DNS subject alternative names, the common name first, each once, in the order given. */
    public List<String> dnsNames() {
        return dnsNames;
    }

    /** The IP address subject alternative names, each once, in the order given (may be empty). */
    public List<InetAddress> ipAddresses() {
        return ipAddresses;
    }

    public KeySpec keySpec() {
        return keySpec;
    }

    /** How many days the certificate is valid, from 1 to {@link #MAX_VALIDITY_DAYS}. */
    public int validityDays() {
        return validityDays;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateRequest other && commonName.equals(other.commonName)
                && dnsNames.equals(other.dnsNames) && ipAddresses.equals(other.ipAddresses)
                && keySpec == other.keySpec && validityDays == other.validityDays;
    }

    @Override
    public int hashCode() {
        return Objects.hash(commonName, dnsNames, ipAddresses, keySpec, validityDays);
    }

    @Override
    public String toString() {
        return "CertificateRequest[" + dnsNames + ", " + ipAddresses.stream().map(CertificateRequest::text).toList()
                + ", " + keySpec + ", " + validityDays + " days]";
    }

    /** An IP address as text: dotted IPv4, or IPv6 in full lower-case hex groups. */
    static String text(InetAddress address) {
        return address.getHostAddress();
    }

    /**
     * Collects a request. Each setter checks its argument at once (so the user learns which input is wrong);
     * {@link #build()} checks the whole and copies the state, so a builder may be reused.
     */
    public static final class Builder {

        private String commonName;
        private final Set<String> dnsNames = new LinkedHashSet<>();
        private final Set<InetAddress> ipAddresses = new LinkedHashSet<>();
        private KeySpec keySpec = KeySpec.DEFAULT;
        private int validityDays = DEFAULT_VALIDITY_DAYS;

        private Builder() {
        }

        /**
         * The name the certificate is for: a host name ({@code www.example.com}, {@code localhost}, an
         * internationalised name) or a wildcard over one label ({@code *.example.com}). Not an IP address: put those
         * in the alternative names.
         *
         * @param commonName the name as the user typed it; null or blank is refused
         * @throws BadInputException on field {@value #COMMON_NAME}
         */
        public Builder commonName(String commonName) throws BadInputException {
            if (commonName == null || commonName.isBlank()) {
                throw required();
            }
            String shown = commonName.strip();
            if (ipAddress(shown, COMMON_NAME, "common name") != null) {
                throw new BadInputException(COMMON_NAME, "The common name " + shown + " is an IP address. Use a "
                        + "host name as the common name and put the IP address in the alternative names.");
            }
            String name = hostName(shown, COMMON_NAME, "common name");
            if (name.length() > MAX_COMMON_NAME_LENGTH) {
                throw new BadInputException(COMMON_NAME, "The common name " + name + " is " + name.length()
                        + " characters long; a certificate's subject holds at most " + MAX_COMMON_NAME_LENGTH
                        + ". Use a shorter name as the common name and put this one in the alternative names.");
            }
            this.commonName = name;
            return this;
        }

        /**
         * Replaces the alternative names: host names, one-label wildcards and IP addresses (IPv4, or IPv6 with or
         * without brackets), in any mix. Duplicates, and repeats of the common name, are dropped. Nothing changes
         * when one of them is refused.
         *
         * @param names the names as the user typed them; the collection must not be null, a null or blank entry is
         *              refused
         * @throws BadInputException on field {@value #SUBJECT_ALT_NAMES}, naming the first bad entry
         */
        public Builder subjectAltNames(Collection<String> names) throws BadInputException {
            Objects.requireNonNull(names, "names");
            Set<String> newDnsNames = new LinkedHashSet<>();
            Set<InetAddress> newIpAddresses = new LinkedHashSet<>();
            for (String name : names) {
                add(name, newDnsNames, newIpAddresses);
            }
            dnsNames.clear();
            dnsNames.addAll(newDnsNames);
            ipAddresses.clear();
            ipAddresses.addAll(newIpAddresses);
            return this;
        }

        /**
         * Adds one alternative name, as {@link #subjectAltNames} describes.
         *
         * @throws BadInputException on field {@value #SUBJECT_ALT_NAMES}
         */
        public Builder addSubjectAltName(String name) throws BadInputException {
            add(name, dnsNames, ipAddresses);
            return this;
        }

        /** The key type; {@link KeySpec#DEFAULT} unless set. */
        public Builder keySpec(KeySpec keySpec) {
            this.keySpec = Objects.requireNonNull(keySpec, "keySpec");
            return this;
        }

        /**
         * How many days the certificate is valid; {@value #DEFAULT_VALIDITY_DAYS} unless set.
         *
         * @throws BadInputException on field {@value #VALIDITY_DAYS} when below 1 or above
         *                               {@value #MAX_VALIDITY_DAYS}
         */
        public Builder validityDays(int validityDays) throws BadInputException {
            if (validityDays < 1 || validityDays > MAX_VALIDITY_DAYS) {
                throw new BadInputException(VALIDITY_DAYS, "The validity must be between 1 and "
                        + MAX_VALIDITY_DAYS + " days; " + validityDays + " was given. " + MAX_VALIDITY_DAYS
                        + " days is the longest that Apple devices accept for a server certificate.");
            }
            this.validityDays = validityDays;
            return this;
        }

        /**
         * The request.
         *
         * @throws BadInputException on field {@value #COMMON_NAME} when no common name was set, or on field
         *                               {@value #SUBJECT_ALT_NAMES} when there are more than {@value #MAX_NAMES}
         *                               names
         */
        public CertificateRequest build() throws BadInputException {
            if (commonName == null) {
                throw required();
            }
            Set<String> all = new LinkedHashSet<>(dnsNames);
            all.add(commonName);
            int count = all.size() + ipAddresses.size();
            if (count > MAX_NAMES) {
                throw new BadInputException(SUBJECT_ALT_NAMES, "A certificate can hold at most " + MAX_NAMES
                        + " names (the common name and the alternative names together); this one would hold "
                        + count + ". Split them over several certificates.");
            }
            return new CertificateRequest(this);
        }

        private static BadInputException required() {
            return new BadInputException(COMMON_NAME, "The common name is required. Enter the host name the "
                    + "certificate is for, for example www.example.com or *.example.com.");
        }

        private static void add(String name, Set<String> dnsNames, Set<InetAddress> ipAddresses)
                throws BadInputException {
            if (name == null || name.isBlank()) {
                throw new BadInputException(SUBJECT_ALT_NAMES, "An alternative name is empty. Enter a host "
                        + "name, a wildcard such as *.example.com, or an IP address, or remove the empty entry.");
            }
            String shown = name.strip();
            InetAddress address = ipAddress(shown, SUBJECT_ALT_NAMES, "alternative name");
            if (address != null) {
                ipAddresses.add(address);
            } else {
                dnsNames.add(hostName(shown, SUBJECT_ALT_NAMES, "alternative name"));
            }
        }
    }

    /**
     * The address when the text is an IPv4 or IPv6 literal; null when it is not one (then it may be a host name).
     * Never resolves a name.
     */
    static InetAddress ipAddress(String text, String field, String what) throws BadInputException {
        try {
            if (IPV4.matcher(text).matches()) {
                String[] parts = text.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    bytes[i] = (byte) Integer.parseInt(parts[i]);
                }
                return InetAddress.getByAddress(bytes);
            }
            String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            if (!literal.contains(":")) {
                return null;
            }
            if (literal.contains("%")) {
                throw new BadInputException(field, "The " + what + " " + text + " is an IPv6 address with a "
                        + "zone (the part after %), which a certificate cannot hold. Remove the zone.");
            }
            if (!IPV6_CHARACTERS.matcher(literal).matches()) {
                return null; // such as a URL: refused as a host name
            }
            // Bracketed, a literal is parsed and never looked up; a bad one fails at once.
            InetAddress address = InetAddress.getByName("[" + literal + "]");
            if (address instanceof Inet6Address v6 && v6.getScopeId() != 0) {
                throw notAnIpAddress(text, field, what, null);
            }
            return address;
        } catch (UnknownHostException e) {
            throw notAnIpAddress(text, field, what, e);
        }
    }

    private static BadInputException notAnIpAddress(String text, String field, String what, Throwable cause) {
        return new BadInputException(field, "The " + what + " " + text + " is not a valid IP address. Write "
                + "IPv4 as 192.0.2.1 and IPv6 as 2001:db8::1.", cause);
    }

    /** The normalised host name (or one-label wildcard), or the reason it is not one. */
    static String hostName(String text, String field, String what) throws BadInputException {
        HostName.Reading reading = HostName.read(text);
        if (reading.problem() != null) {
            throw new BadInputException(field, reading.problem().message(what, text), reading.cause());
        }
        return reading.name().toString();
    }
}
