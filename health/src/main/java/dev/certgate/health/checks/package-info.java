/**
 * certgate's MicroProfile Health checks, served by WildFly (observability.cli) at the management interface's
 * {@code /health}, {@code /health/ready} and {@code /health/live}. They live in the EAR's {@code lib/} because WildFly
 * 39 selects the checks of an EAR from its libraries only (a check in {@code ejb.jar} or {@code web.war} is never
 * found); they answer what the ejb side's {@link dev.certgate.health.checks.HealthProbes} says.
 */
package dev.certgate.health.checks;
