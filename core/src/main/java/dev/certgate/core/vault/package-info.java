/**
 * The vault's formats, pure Java: the installation's key-encryption key ({@link dev.certgate.core.vault.InstanceKey}),
 * the keyring of the keys a node holds ({@link dev.certgate.core.vault.Keyring}) and the file it lives in
 * ({@link dev.certgate.core.vault.KeyringFile}, owner-only, written durably), the rules of the staged rotation
 * ({@link dev.certgate.core.vault.KeyringRules}), and envelope encryption
 * of a secret under its own data key, bound to its row by the AAD ({@link dev.certgate.core.vault.Envelope}). The
 * server's holder of the key and the rotation are ejb's {@code dev.certgate.vault}. Key material is never logged nor
 * shown by {@code toString}. Nothing here accepts or returns null unless documented.
 */
package dev.certgate.core.vault;
