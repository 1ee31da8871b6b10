package dev.certgate.client;

/** Calls on one remote service; throws what the service (or the connection to it) throws. */
@FunctionalInterface
interface RemoteCall<S, T> {

    T apply(S service) throws Exception;
}
