/**
 * certgate's own metrics, registered with the Micrometer registry WildFly's micrometer subsystem gives the deployment
 * (observability.cli), served with WildFly's in Prometheus text at the management interface's {@code /metrics}.
 * {@link dev.certgate.metrics.Metrics} is the one place meters are named; the capabilities call it (it calls none of
 * them, but for the certificates' expiry gauges, refreshed from {@code CertificateDirectory}).
 */
package dev.certgate.metrics;
