package dev.certgate.acme.dns;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Publishes DNS-01 records by RFC 2136 dynamic update, signed with a TSIG key (RFC 8945), to the primary server of
 * the zone (BIND, Knot, PowerDNS, Windows DNS and most DNS services accept it). The zone is the one the server is
 * authoritative for, found by asking it for the SOA, unless configured.
 */
public final class Rfc2136Publisher implements Dns01Publisher {

    private final DnsLookup primary;
    private final DnsLookup visibility;
    private final Name keyName;
    private final Name algorithm;
    private final byte[] secret;
    private final Name zone;
    private final long ttl;

    /**
     * @param server     the primary server, which accepts updates
     * @param keyName    the TSIG key's name, as configured on the server
     * @param algorithm  the TSIG algorithm, e.g. {@code hmac-sha256}
     * @param secret     the TSIG secret (the caller read it from a file; it is never logged or shown)
     * @param zone       the zone to update; null to ask the server
     * @param resolver   where to check that a record is visible; null for the primary itself
     * @param ttl        the records' time to live, in seconds
     */
    public Rfc2136Publisher(InetSocketAddress server, String keyName, String algorithm, byte[] secret, String zone,
                            InetSocketAddress resolver, long ttl) throws DnsUpdateException {
        this.primary = new DnsLookup(Objects.requireNonNull(server, "server"));
        this.visibility = resolver == null ? primary : new DnsLookup(resolver);
        this.keyName = DnsLookup.absolute(Objects.requireNonNull(keyName, "keyName"));
        this.algorithm = TSIG.algorithmToName(Objects.requireNonNull(algorithm, "algorithm"));
        this.secret = Objects.requireNonNull(secret, "secret").clone();
        this.zone = zone == null || zone.isBlank() ? null : DnsLookup.absolute(zone);
        if (ttl < 1) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        this.ttl = ttl;
    }

    @Override
    public void publish(String recordName, String value) throws DnsUpdateException {
        Name name = DnsLookup.absolute(recordName);
        Update update = new Update(zoneOf(name));
        update.add(new TXTRecord(name, DClass.IN, ttl, value));
        send(update, "add the TXT record at " + name.toString(true));
    }

    @Override
    public void awaitVisible(String recordName, String value, Duration timeout) throws DnsUpdateException {
        visibility.awaitTxt(recordName, value, timeout);
    }

    @Override
    public void remove(String recordName, String value) throws DnsUpdateException {
        Name name = DnsLookup.absolute(recordName);
        Update update = new Update(zoneOf(name));
        update.delete(new TXTRecord(name, DClass.IN, 0, value));
        send(update, "remove the TXT record at " + name.toString(true));
    }

    @Override
    public String describe() {
        return "RFC 2136 at " + DnsLookup.describe(primary.server()) + " (key " + keyName + ")";
    }

    /** The configured zone, or the closest enclosing one the server holds the SOA of. */
    private Name zoneOf(Name name) throws DnsUpdateException {
        if (zone != null) {
            if (!name.subdomain(zone)) {
                throw new DnsUpdateException(name.toString(true) + " is not in the configured zone "
                        + zone.toString(true) + ".");
            }
            return zone;
        }
        for (Name candidate = name; candidate.labels() > 1; candidate = new Name(candidate, 1)) {
            Message answer = primary.send(candidate, Type.SOA); // REFUSED: not one of its zones, look higher
            for (Record record : answer.getSection(Section.ANSWER)) {
                if (record instanceof SOARecord && record.getName().equals(candidate)) {
                    return candidate;
                }
            }
            for (Record record : answer.getSection(Section.AUTHORITY)) {
                if (record instanceof SOARecord && name.subdomain(record.getName())) {
                    return record.getName();
                }
            }
        }
        throw new DnsUpdateException("The DNS server " + DnsLookup.describe(primary.server())
                + " holds no zone for " + name.toString(true) + "; set certgate.acme.dns.zone or check the server.");
    }

    private void send(Update update, String what) throws DnsUpdateException {
        SimpleResolver resolver = new SimpleResolver(primary.server());
        resolver.setTimeout(DnsLookup.QUERY_TIMEOUT);
        resolver.setTSIGKey(new TSIG(algorithm, keyName, secret));
        Message answer;
        try {
            answer = resolver.send(update);
        } catch (IOException e) {
            throw new DnsUpdateException("Could not " + what + ": the DNS server " + describe() + " did not answer ("
                    + DnsLookup.reason(e) + ").", e);
        }
        int rcode = answer.getRcode();
        if (rcode != Rcode.NOERROR) {
            String hint = switch (rcode) {
                case Rcode.REFUSED -> " (the server does not allow this key to update the zone)";
                case Rcode.NOTAUTH -> " (the key is unknown to the server, its secret or algorithm is wrong, or the"
                        + " clocks differ)";
                case Rcode.NOTZONE -> " (the name is not in the zone)";
                default -> "";
            };
            throw new DnsUpdateException("Could not " + what + ": " + describe() + " answered "
                    + Rcode.string(rcode) + hint + ".");
        }
    }
}
