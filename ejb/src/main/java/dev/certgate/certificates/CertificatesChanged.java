package dev.certgate.certificates;

/**
 * Fired inside the transaction that changed a stored certificate; observers that must see only committed state
 * observe it with {@code during = TransactionPhase.AFTER_SUCCESS}.
 *
 * @param certificateId the certificate that changed
 */
public record CertificatesChanged(String certificateId) {
}
