/**
 * The ejb side of certgate's health checks: {@link dev.certgate.health.HealthProbesBean} answers the MicroProfile
 * Health checks of lib/certgate-health.jar ({@code dev.certgate.health.checks}) whether the gateway listens with a
 * loaded snapshot, the database answers, the gateway is not lagging behind the latest committed change
 * ({@link dev.certgate.health.LagRule}) and the gateway's worker threads take work.
 */
package dev.certgate.health;
