package dev.certgate.api;

import java.io.Serializable;
import java.util.List;

/**
 * One page of a certificate list.
 *
 * @param items the certificates on this page
 * @param total how many match the query in all
 */
public record CertificatePage(List<CertificateView> items, long total) implements Serializable {

    public CertificatePage {
        items = List.copyOf(items);
    }
}
