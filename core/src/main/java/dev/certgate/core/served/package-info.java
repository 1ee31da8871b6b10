/**
 * The served-certificate check's judgement ({@link dev.certgate.core.served.ServedJudge}): whether what a TLS client
 * received for a name is what the store says that name is served with. Pure: the handshake itself and the store's
 * rows are ejb's {@code dev.certgate.served}.
 */
package dev.certgate.core.served;
