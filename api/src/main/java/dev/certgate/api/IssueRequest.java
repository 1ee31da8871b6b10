package dev.certgate.api;

import java.io.Serializable;
import java.util.List;

/**
 * What to put in a certificate that certgate makes itself (self-signed, or issued by the local CA).
 *
 * @param commonName      the host name (a one-label wildcard such as {@code *.example.com} is allowed); also a SAN
 * @param subjectAltNames more DNS names or IP addresses; null or empty for none
 * @param keyType         the key to generate; null for {@link KeyType#DEFAULT}
 * @param validityDays    days of validity; null for the default (365); at most 825
 * @param description     a note for people; null for none
 */
public record IssueRequest(String commonName, List<String> subjectAltNames, KeyType keyType, Integer validityDays,
                           String description) implements Serializable {

    public IssueRequest {
        subjectAltNames = subjectAltNames == null ? List.of() : List.copyOf(subjectAltNames);
    }
}
