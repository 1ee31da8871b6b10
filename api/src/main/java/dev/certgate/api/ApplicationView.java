package dev.certgate.api;

import java.io.Serializable;
import java.util.List;

/**
 * An application as stored.
 *
 * @param id       its id
 * @param name     its name
 * @param backends backend URLs
 * @param domains  its domains, normalised
 * @param version  pass it back to change the application
 */
public record ApplicationView(String id, String name, List<String> backends, List<DomainSettings> domains,
                              long version) implements Serializable {

    public ApplicationView {
        backends = List.copyOf(backends);
        domains = List.copyOf(domains);
    }
}
