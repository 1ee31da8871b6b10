/**
 * Which alerts are due ({@link dev.certgate.core.alerts.AlertPlanner}): pure functions of the certificates' dates,
 * the ACME domains' states, the alerts already raised and the instant passed in, so that thresholds, dedupe and the
 * digest are unit-tested without a server. Sending them (mail, webhooks) and remembering what was raised is ejb's
 * {@code dev.certgate.alerts}. Nothing here accepts or returns null unless documented.
 */
package dev.certgate.core.alerts;
