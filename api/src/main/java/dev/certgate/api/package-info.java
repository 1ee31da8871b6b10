/**
 * certgate's remote contract. Parameters are non-null unless documented otherwise; lists are never null.
 */
package dev.certgate.api;
