/**
 * Stored certificates: the entities of the certificates capability. Nothing in this package accepts or returns null unless its Javadoc says so.
 */
package dev.certgate.certificates.model;
