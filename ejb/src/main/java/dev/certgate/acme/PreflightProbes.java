package dev.certgate.acme;

import dev.certgate.core.preflight.Caa;
import dev.certgate.core.preflight.PreflightFindings.CaaLookup;
import dev.certgate.core.preflight.PreflightFindings.NameLookup;
import dev.certgate.core.preflight.PreflightFindings.PortProbe;
import dev.certgate.core.preflight.PreflightFindings.PortProbe.Reach;
import org.bouncycastle.asn1.ASN1OctetString;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The network half of the pre-flight check: DNS questions to one resolver (A, AAAA, CAA up the tree), and the
 * HTTP-01 and TLS-ALPN-01 probes made as the CA makes them, to each resolved address on the CA's port with the
 * domain as Host header or TLS server name. Every exchange has a {@link #TIMEOUT}; nothing is retried. What the
 * answers mean is the core's {@link dev.certgate.core.preflight.PreflightFindings}. No {@code jakarta.*}.
 */
final class PreflightProbes {

    /** How long one DNS query, one connection or one read may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** At most this many addresses of a name are probed (a CA picks one; a long list is a mistake anyway). */
    static final int MAX_ADDRESSES = 8;
    /** At most this much of an HTTP answer is read. */
    private static final int MAX_ANSWER = 16 * 1024;
    private static final String ACME_IDENTIFIER = "1.3.6.1.5.5.7.1.31";

    private final InetSocketAddress resolver;

    /** @param resolver the resolver to ask; null for the system's first one */
    PreflightProbes(InetSocketAddress resolver) {
        this.resolver = resolver != null ? resolver : systemResolver();
    }

    private static InetSocketAddress systemResolver() {
        List<InetSocketAddress> servers = ResolverConfig.getCurrentConfig().servers();
        return servers.isEmpty() ? new InetSocketAddress(InetAddress.getLoopbackAddress(), 53) : servers.get(0);
    }

    String resolverText() {
        return resolver.getHostString() + ":" + resolver.getPort();
    }

    /** The A and AAAA records of {@code name} (ASCII, no trailing dot). */
    NameLookup addresses(String name) {
        List<String> addresses = new ArrayList<>();
        boolean noSuchName = false;
        for (int type : new int[]{Type.A, Type.AAAA}) {
            Message answer;
            try {
                answer = send(absolute(name), type);
            } catch (IOException e) {
                return NameLookup.failed(NameLookup.Kind.DNS_FAILED, "the DNS server " + resolverText() + " did not "
                        + "answer a query for " + name + " (" + reason(e) + ")");
            }
            int rcode = answer.getRcode();
            if (rcode == Rcode.NXDOMAIN) {
                noSuchName = true;
                continue;
            }
            if (rcode != Rcode.NOERROR) {
                return NameLookup.failed(NameLookup.Kind.DNS_FAILED, "the DNS server " + resolverText()
                        + " answered " + Rcode.string(rcode) + " to the " + Type.string(type) + " query for " + name);
            }
            for (Record record : answer.getSection(Section.ANSWER)) {
                if (record instanceof ARecord a) {
                    addresses.add(a.getAddress().getHostAddress());
                } else if (record instanceof AAAARecord aaaa) {
                    addresses.add(aaaa.getAddress().getHostAddress());
                }
            }
        }
        if (addresses.isEmpty() && noSuchName) {
            return NameLookup.failed(NameLookup.Kind.NO_SUCH_NAME, "");
        }
        return NameLookup.resolved(addresses.stream().distinct().limit(MAX_ADDRESSES).toList());
    }

    /**
     * The relevant CAA record set of {@code name} (RFC 8659 §3): the first non-empty set from the name (without
     * its wildcard label) up to its top-level domain.
     */
    CaaLookup caa(String name) {
        String at = name.startsWith("*.") ? name.substring(2) : name;
        while (!at.isEmpty()) {
            Message answer;
            try {
                answer = send(absolute(at), Type.CAA);
            } catch (IOException e) {
                return CaaLookup.failed("the DNS server " + resolverText() + " did not answer the CAA query for " + at
                        + " (" + reason(e) + ")");
            }
            int rcode = answer.getRcode();
            if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
                return CaaLookup.failed("the DNS server " + resolverText() + " answered " + Rcode.string(rcode)
                        + " to the CAA query for " + at);
            }
            List<Caa.Record> records = new ArrayList<>();
            for (Record record : answer.getSection(Section.ANSWER)) {
                if (record instanceof CAARecord caa) {
                    records.add(new Caa.Record(caa.getFlags(), caa.getTag(), caa.getValue()));
                }
            }
            if (!records.isEmpty()) {
                return CaaLookup.found(at, records);
            }
            int dot = at.indexOf('.');
            at = dot < 0 ? "" : at.substring(dot + 1);
        }
        return CaaLookup.none();
    }

    /**
     * Fetches {@code http://name:port/.well-known/acme-challenge/token} from {@code address}, as the CA does, and
     * says whether this installation answered with {@code keyAuthorization}.
     */
    static PortProbe http01(String name, String address, int port, String token, String keyAuthorization) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(address), port), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            String host = address.contains(":") && name.equals(address) ? "[" + name + "]" : name;
            String request = "GET /.well-known/acme-challenge/" + token + " HTTP/1.1\r\nHost: " + host
                    + (port == 80 ? "" : ":" + port) + "\r\nUser-Agent: certgate-preflight\r\nAccept: */*\r\n"
                    + "Connection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readAnswer(socket.getInputStream());
            return judgeHttp(address, port, answer, keyAuthorization);
        } catch (IOException e) {
            return failure(address, port, e);
        }
    }

    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n = in.read(buffer); n > 0 && read.size() < MAX_ANSWER; n = in.read(buffer)) {
            read.write(buffer, 0, Math.min(n, MAX_ANSWER - read.size()));
        }
        return read.toString(StandardCharsets.ISO_8859_1);
    }

    /** Whether an HTTP answer is the probe's key authorization; else what it was, for the message. */
    static PortProbe judgeHttp(String address, int port, String answer, String keyAuthorization) {
        int headEnd = answer.indexOf("\r\n\r\n");
        String head = headEnd < 0 ? answer : answer.substring(0, headEnd);
        String body = headEnd < 0 ? "" : answer.substring(headEnd + 4);
        String[] lines = head.split("\r\n");
        String[] status = lines.length == 0 ? new String[0] : lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/")) {
            return new PortProbe(address, port, Reach.OTHER_SERVER, "it does not answer HTTP");
        }
        String code = status[1];
        if (code.equals("200") && (body.strip().equals(keyAuthorization) || chunkedBodyIs(body, keyAuthorization))) {
            return new PortProbe(address, port, Reach.THIS_GATEWAY, "");
        }
        StringBuilder detail = new StringBuilder("HTTP ").append(code);
        header(lines, "server").ifPresent(server -> detail.append(", server \"").append(server).append('"'));
        header(lines, "location").ifPresent(to -> detail.append(", redirecting to ").append(to));
        if (code.equals("200")) {
            detail.append(", not the probe's token");
        }
        return new PortProbe(address, port, Reach.OTHER_SERVER, detail.toString());
    }

    private static boolean chunkedBodyIs(String body, String keyAuthorization) {
        return body.contains("\r\n" + keyAuthorization + "\r\n");
    }

    private static Optional<String> header(String[] lines, String name) {
        return Arrays.stream(lines).skip(1).filter(l -> l.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                .map(l -> l.substring(name.length() + 1).strip()).map(v -> v.length() > 120 ? v.substring(0, 120)
                        + "…" : v).findFirst();
    }

    /**
     * Connects to {@code address:port} with the TLS server name {@code name} and ALPN {@code acme-tls/1}, as the CA
     * does, and says whether the certificate served is this installation's validation certificate for {@code
     * keyAuthorization} (RFC 8737 §3).
     */
    static PortProbe tlsAlpn01(String name, String address, int port, String keyAuthorization) {
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            // The validation certificate is self-signed by design: it is judged by its acmeIdentifier, below.
            context.init(null, new TrustManager[]{new AnyCertificate()}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS", e);
        }
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(InetAddress.getByName(address), port), (int) TIMEOUT.toMillis());
            plain.setSoTimeout((int) TIMEOUT.toMillis());
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, name, port, false)) {
                SSLParameters parameters = tls.getSSLParameters();
                if (!name.equals(address)) {
                    parameters.setServerNames(List.of(new SNIHostName(name)));
                }
                parameters.setApplicationProtocols(new String[]{"acme-tls/1"});
                tls.setSSLParameters(parameters);
                try {
                    tls.startHandshake();
                } catch (SSLException e) {
                    return new PortProbe(address, port, Reach.OTHER_SERVER, "the TLS handshake with ALPN acme-tls/1 "
                            + "failed: " + e.getMessage());
                }
                String protocol = tls.getApplicationProtocol();
                X509Certificate leaf = (X509Certificate) tls.getSession().getPeerCertificates()[0];
                if (!"acme-tls/1".equals(protocol)) {
                    return new PortProbe(address, port, Reach.OTHER_SERVER, "it does not speak ALPN acme-tls/1 and "
                            + "serves the certificate of " + leaf.getSubjectX500Principal().getName());
                }
                if (!Arrays.equals(acmeIdentifier(leaf), sha256(keyAuthorization))) {
                    return new PortProbe(address, port, Reach.OTHER_SERVER, "it speaks acme-tls/1 but serves "
                            + "another validation certificate (" + leaf.getSubjectX500Principal().getName() + ")");
                }
                return new PortProbe(address, port, Reach.THIS_GATEWAY, "");
            }
        } catch (IOException e) {
            return failure(address, port, e);
        }
    }

    /** The digest in a certificate's critical {@code id-pe-acmeIdentifier} extension; empty when it has none. */
    private static byte[] acmeIdentifier(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(ACME_IDENTIFIER);
        if (extension == null) {
            return new byte[0];
        }
        try {
            return ASN1OctetString.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getOctets();
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static PortProbe failure(String address, int port, IOException e) {
        if (e instanceof ConnectException) {
            return new PortProbe(address, port, Reach.REFUSED, reason(e));
        }
        if (e instanceof SocketTimeoutException) {
            return new PortProbe(address, port, Reach.TIMED_OUT, reason(e));
        }
        return new PortProbe(address, port, Reach.FAILED, reason(e));
    }

    private Message send(Name name, int type) throws IOException {
        SimpleResolver simple = new SimpleResolver(resolver);
        simple.setTimeout(TIMEOUT);
        return simple.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
    }

    private static Name absolute(String name) throws IOException {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new IOException("'" + name + "' is not a DNS name", e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.net.PortUnreachableException) {
            return "nothing listens there";
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer in time";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Accepts any server certificate: the probe judges it by its content, it does not trust it. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            Objects.requireNonNull(chain, "chain");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            Objects.requireNonNull(chain, "chain");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
