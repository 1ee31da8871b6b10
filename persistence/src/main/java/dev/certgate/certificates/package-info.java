/**
 * Stored certificates. Nothing in this package accepts or returns null unless its Javadoc says so.
 */
package dev.certgate.certificates;
