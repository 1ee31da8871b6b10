package dev.certgate.certificates;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Another capability that serves stored certificates: the applications' domains, the gateway's default. The
 * certificates capability asks every one of them (beans found by CDI) what uses a certificate, to show it and before
 * deleting it, and never reads their tables.
 */
public interface CertificateUsers {

    /** The domains served with each of these certificates, by certificate id (shown as "used by"); none: absent. */
    Map<String, List<String>> domainsServedWith(Collection<String> certificateIds);

    /** Other uses of the certificate that forbid deleting it, in words; empty when there are none. */
    List<String> otherUsesOf(String certificateId);
}
