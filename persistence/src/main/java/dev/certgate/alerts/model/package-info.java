/**
 * The alerts capability's entities: the channels alerts go to, the alerts raised (the dedupe) and the delivery log.
 * Nothing in this package accepts or returns null unless its Javadoc says so.
 */
package dev.certgate.alerts.model;
