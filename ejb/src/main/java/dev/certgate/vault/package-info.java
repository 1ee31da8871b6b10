/**
 * Key protection: the installation's key-encryption key (KEK), kept in a file outside the database, and envelope
 * encryption of every private key under its own data key (AES-256-GCM). The formats are the core's
 * ({@code dev.certgate.core.vault}: {@code Envelope}, {@code InstanceKey}, {@code InstanceKeyFile});
 * {@link dev.certgate.vault.Vault} is the server's single holder of the KEK. Key material is never logged. Nothing
 * here accepts or returns null unless documented.
 */
package dev.certgate.vault;
