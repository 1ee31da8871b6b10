package dev.certgate.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * An alert channel as others see it: never the webhook's secret.
 *
 * @param type         {@code EMAIL} or {@code WEBHOOK}
 * @param address      the e-mail address; null for a webhook
 * @param url          the webhook URL; null for e-mail
 * @param status       {@code UNTESTED} (nothing sent yet), {@code OK} or {@code FAILING} (the last delivery failed)
 * @param lastDelivery when the last delivery ended; null before the first
 * @param lastError    why the last delivery failed; null unless failing
 */
public record AlertChannelView(String id, String type, String address, String url, String description,
                               String status, Instant lastDelivery, String lastError, long version)
        implements Serializable {
}
