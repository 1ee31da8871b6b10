package dev.certgate.gateway;

import dev.certgate.api.HostName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A request's Host is read as HostName reads it, and routed by the rule certificates are served by. */
class RoutesTest {

    private static final Route SHOP = route("shop");
    private static final Route APPS = route("apps");
    private static final Routes ROUTES = Routes.of(Map.of("shop.example.test", SHOP, "*.apps.example.test", APPS,
            "xn--bcher-kva.example.test", route("books")));

    private static Route route(String name) {
        return new Route(name + "-id", name, List.of(URI.create("http://127.0.0.1:9000")), false, false);
    }

    /** As GatewayHandler asks: the Host header's name, read by HostName.fromWire. */
    private static Optional<String> find(String host) {
        return ROUTES.find(HostName.fromWire(host).orElse(null)).map(Route::applicationName);
    }

    @Test
    void theExactNameThenTheOneLabelWildcard() {
        assertEquals(Optional.of("shop"), find("shop.example.test"));
        assertEquals(Optional.of("apps"), find("a.apps.example.test"));
        assertEquals(Optional.empty(), find("a.b.apps.example.test"), "one label only");
        assertEquals(Optional.empty(), find("apps.example.test"), "a wildcard does not cover its own base");
        assertEquals(Optional.empty(), find("other.test"));
    }

    @Test
    void theHostIsReadAsHostNameReadsIt() {
        assertEquals(Optional.of("shop"), find("SHOP.Example.Test."), "any case, a trailing dot");
        assertEquals(Optional.of("books"), find("xn--bcher-kva.example.test"));
        assertEquals(Optional.empty(), find("shop .example.test"), "not a host name: no route");
        assertEquals(Optional.empty(), find("127.0.0.1"), "an IP address: no route");
        assertEquals(Optional.empty(), find(null), "no Host header");
    }
}
