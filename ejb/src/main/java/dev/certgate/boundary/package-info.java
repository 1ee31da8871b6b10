/**
 * The boundary between the core ({@code dev.certgate.core}, no container) and the remote contract
 * ({@code dev.certgate.api}): {@link dev.certgate.boundary.CoreFailures} turns the core's checked exceptions into
 * the api's, in one place for every service. Nothing here accepts or returns null unless documented.
 */
package dev.certgate.boundary;
