package dev.certgate.acme.dns;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * TXT lookups against one named DNS server (the authoritative one, or the resolver the CA uses), asked directly so
 * no cache in between can hide a fresh record.
 */
final class DnsLookup {

    /** How long one query may take. */
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    private final InetSocketAddress server;

    DnsLookup(InetSocketAddress server) {
        this.server = Objects.requireNonNull(server, "server");
    }

    InetSocketAddress server() {
        return server;
    }

    /** The TXT values at {@code name} (each record's strings joined); empty when none. */
    List<String> txt(String name) throws DnsUpdateException {
        Message answer = query(absolute(name), Type.TXT);
        List<String> values = new ArrayList<>();
        for (Record record : answer.getSection(Section.ANSWER)) {
            if (record instanceof TXTRecord txt) {
                values.add(String.join("", txt.getStrings()));
            }
        }
        return values;
    }

    /**
     * Polls until {@code value} is among the TXT values at {@code name}: every 250 ms at first, then less often,
     * at most {@code timeout} in all.
     */
    void awaitTxt(String name, String value, Duration timeout) throws DnsUpdateException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 250;
        while (true) {
            if (txt(name).contains(value)) {
                return;
            }
            if (System.nanoTime() + pause * 1_000_000 > deadline) {
                throw new DnsUpdateException("The TXT record at " + name + " is still not visible at " + describe(server)
                        + " after " + timeout.toSeconds() + " s.");
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DnsUpdateException("Interrupted while waiting for the TXT record at " + name + ".", e);
            }
            pause = Math.min(pause * 2, 2_000);
        }
    }

    /** One query; an answer other than NOERROR or NXDOMAIN is a failure. */
    Message query(Name name, int type) throws DnsUpdateException {
        Message answer = send(name, type);
        int rcode = answer.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            throw new DnsUpdateException("The DNS server " + describe(server) + " answered " + Rcode.string(rcode)
                    + " to a query for " + name.toString(true) + ".");
        }
        return answer;
    }

    /** Why a DNS exchange failed, in words: dnsjava's exceptions often carry no message. */
    static String reason(IOException e) {
        if (e instanceof java.net.PortUnreachableException) {
            return "nothing listens there";
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return "no answer in time";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** One query, whatever the server answers. */
    Message send(Name name, int type) throws DnsUpdateException {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(QUERY_TIMEOUT);
        Message answer;
        try {
            answer = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
        } catch (IOException e) {
            throw new DnsUpdateException("The DNS server " + describe(server) + " did not answer a query for "
                    + name.toString(true) + " (" + reason(e) + ").", e);
        }
        return answer;
    }

    static Name absolute(String name) throws DnsUpdateException {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new DnsUpdateException("'" + name + "' is not a DNS name.", e);
        }
    }

    static String describe(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
