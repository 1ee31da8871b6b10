package dev.certgate.api;

import java.io.Serializable;
import java.util.List;

/**
 * What an application is, as given to create or change one.
 *
 * @param name     unique among applications
 * @param backends at least one URL such as {@code http://127.0.0.1:9000}, in round-robin order
 * @param domains  the names it is reached by; may be empty
 */
public record ApplicationSpec(String name, List<String> backends, List<DomainSettings> domains)
        implements Serializable {

    public ApplicationSpec {
        backends = backends == null ? List.of() : List.copyOf(backends);
        domains = domains == null ? List.of() : List.copyOf(domains);
    }
}
