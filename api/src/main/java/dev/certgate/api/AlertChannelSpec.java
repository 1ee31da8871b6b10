package dev.certgate.api;

import java.io.Serializable;

/**
 * A new alert channel, as a page, the REST API or the command line gives it.
 *
 * @param type        {@code EMAIL} or {@code WEBHOOK}
 * @param address     the e-mail address (EMAIL only)
 * @param url         the http(s) URL alerts are POSTed to (WEBHOOK only)
 * @param secret      the webhook's signing secret, at least 16 characters (WEBHOOK only); never returned
 * @param description what the channel is for; null: none
 */
public record AlertChannelSpec(String type, String address, String url, String secret, String description)
        implements Serializable {

    public static AlertChannelSpec email(String address, String description) {
        return new AlertChannelSpec("EMAIL", address, null, null, description);
    }

    public static AlertChannelSpec webhook(String url, String secret, String description) {
        return new AlertChannelSpec("WEBHOOK", null, url, secret, description);
    }

    @Override
    public String toString() {
        return "AlertChannelSpec[" + type + ", " + address + ", " + url + "]"; // never the secret
    }
}
