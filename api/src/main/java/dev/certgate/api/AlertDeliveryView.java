package dev.certgate.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * One line of the delivery log.
 *
 * @param alerts   how many alerts the message carried (more than one: a digest)
 * @param attempts how many attempts it took (webhooks are retried with backoff)
 * @param outcome  {@code SENT} or {@code FAILED}
 * @param detail   what the channel answered (an HTTP status, the SMTP server's refusal); null when nothing to say
 */
public record AlertDeliveryView(String id, String channelId, String subject, int alerts, Instant attemptedAt,
                                int attempts, String outcome, String detail) implements Serializable {
}
