/**
 * Alerts: the check (an EJB timer, one node at a time by a lease row) that raises expiry and ACME renewal alerts as
 * {@link dev.certgate.core.alerts.AlertPlanner} decides, the channels they go to (e-mail through WildFly's mail
 * session {@code java:jboss/mail/certgate}, webhooks signed with HMAC-SHA256), the delivery log, and the service the
 * pages, REST and the command line use. Owns the tables {@code alert_channel}, {@code alert_raised},
 * {@code alert_delivery} and {@code alert_lease}; reads certificates and ACME states through their directories.
 * Nothing here accepts or returns null unless documented.
 */
package dev.certgate.alerts;
