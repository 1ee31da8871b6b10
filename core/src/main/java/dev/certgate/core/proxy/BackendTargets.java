package dev.certgate.core.proxy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which backends an application may have: never one that reaches this server itself unless an admin allows it
 * (issue 14 point 5). A backend on a loopback address ({@code 127.0.0.0/8}, {@code ::1}, {@code localhost}), the
 * unspecified address ({@code 0.0.0.0}, {@code ::}: connecting there reaches this machine) or a link-local one
 * ({@code 169.254.0.0/16}, where clouds answer with instance credentials, and {@code fe80::/10}) lets whoever may
 * edit applications publish what listens there under a public domain; and one of this server's own ports (WildFly's
 * HTTP, HTTPS and management ports, the gateway's) on this machine publishes the admin application, the management
 * interface or the gateway to itself. Pure: the caller resolves the host name and knows the server's ports and
 * addresses.
 */
public final class BackendTargets {

    /** What an admin allows: loopback and link-local backends; this server's own ports on this machine. */
    public record Allowed(boolean local, boolean ownPorts) {
        /** Nothing of the above: the default. */
        public static final Allowed NONE = new Allowed(false, false);
    }

    /** This server as a backend would reach it: its listening ports and its own (non-loopback) addresses. */
    public record Server(Set<Integer> ports, Set<InetAddress> addresses) {
        public Server {
            ports = Set.copyOf(ports);
            addresses = Set.copyOf(addresses);
        }
    }

    private BackendTargets() {
    }

    /**
     * Why a backend is refused, or empty when it is allowed.
     *
     * @param url       the backend as the user wrote it, for the message
     * @param host      its host: a name, or an address literal (IPv6 with or without brackets)
     * @param port      its port (the scheme's default when the URL has none)
     * @param addresses what the host name resolves to now (empty when it does not resolve; an address literal is
     *                  itself)
     * @param settings  the names of the two settings, for the message: allowing local backends, own ports
     */
    public static Optional<String> refusal(String url, String host, int port, List<InetAddress> addresses,
                                           Server server, Allowed allowed, String localSetting,
                                           String ownPortsSetting) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(allowed, "allowed");
        String name = host.toLowerCase(Locale.ROOT);
        boolean localName = name.equals("localhost") || name.endsWith(".localhost");
        boolean onThisMachine = localName;
        String local = localName ? "the loopback name " + host : null;
        for (InetAddress address : addresses) {
            String kind = kind(address);
            if (kind != null) {
                onThisMachine |= !kind.contains("link-local");
                if (local == null) {
                    local = kind + " " + (literal(host) ? strip(host) : address.getHostAddress() + " (" + host + ")");
                }
            } else if (server.addresses().contains(address)) {
                onThisMachine = true;
            }
        }
        if (onThisMachine && server.ports().contains(port) && !allowed.ownPorts()) {
            return Optional.of("The backend " + url + " is this server's own port " + port + " (the admin "
                    + "application, the management interface or the gateway): published under a domain, anyone "
                    + "could reach it through the gateway. Choose the application's own port; an admin allows "
                    + "this server's ports only with the setting " + ownPortsSetting + "=true.");
        }
        if (local != null && !allowed.local()) {
            return Optional.of("The backend " + url + " is on " + local + ", which reaches this machine or its "
                    + "link (where clouds serve instance credentials): published under a domain, anyone could reach "
                    + "what listens there. Use the backend's network address; an admin allows loopback and "
                    + "link-local backends with the setting " + localSetting + "=true.");
        }
        return Optional.empty();
    }

    /** "the loopback address", "the unspecified address", "the link-local address", or null for any other. */
    static String kind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "the loopback address";
        }
        if (address.isAnyLocalAddress()) {
            return "the unspecified address";
        }
        if (address.isLinkLocalAddress()) {
            return "the link-local address";
        }
        if (address instanceof Inet6Address v6) {
            byte[] bytes = v6.getAddress();
            // IPv4-compatible or -mapped forms the JDK keeps as IPv6 (::127.0.0.1, ::ffff:127.0.0.1 in some paths)
            boolean zeros = true;
            for (int i = 0; i < 10; i++) {
                zeros &= bytes[i] == 0;
            }
            if (zeros && ((bytes[10] == 0 && bytes[11] == 0) || (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff))) {
                try {
                    InetAddress v4 = Inet4Address.getByAddress(new byte[]{bytes[12], bytes[13], bytes[14], bytes[15]});
                    return kind(v4);
                } catch (java.net.UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }

    /** Whether the host is an address literal (IPv6 in brackets or not, dotted IPv4), not a name. */
    private static boolean literal(String host) {
        String bare = strip(host);
        return bare.contains(":") || bare.matches("[0-9.]+");
    }

    private static String strip(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
