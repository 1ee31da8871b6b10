package dev.certgate.alerts;

import dev.certgate.api.AlertChannelSpec;
import dev.certgate.api.AlertService;
import dev.certgate.api.InvalidInputException;
import dev.certgate.alerts.model.AlertChannel;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The checks of a new channel's input, each naming the field at fault in words a user understands. */
final class AlertRules {

    /** One address: local part without spaces, quotes or brackets; a host name of dot-separated labels. */
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>()\\[\\],;:\"\\\\]{1,64}@[A-Za-z0-9]"
            + "(?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    static final int MAX_TARGET = 512;
    static final int MAX_DESCRIPTION = 255;
    static final int MAX_SECRET = 256;

    private AlertRules() {
    }

    static AlertChannel.Kind kind(AlertChannelSpec spec) throws InvalidInputException {
        if (spec == null) {
            throw new InvalidInputException("body", "Give the channel's type (EMAIL or WEBHOOK) and its address or "
                    + "URL.");
        }
        String type = spec.type() == null ? "" : spec.type().strip().toUpperCase(Locale.ROOT);
        try {
            return AlertChannel.Kind.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("type", "The channel's type must be EMAIL or WEBHOOK"
                    + (spec.type() == null || spec.type().isBlank() ? "." : ", not \"" + cut(spec.type()) + "\"."));
        }
    }

    static String address(String address) throws InvalidInputException {
        String a = address == null ? "" : address.strip();
        if (a.isEmpty()) {
            throw new InvalidInputException("address", "Give the e-mail address alerts go to.");
        }
        if (a.length() > 254 || !ADDRESS.matcher(a).matches()) {
            throw new InvalidInputException("address", "\"" + cut(a) + "\" is not an e-mail address (such as "
                    + "ops@example.com).");
        }
        return a;
    }

    static URI url(String url) throws InvalidInputException {
        String u = url == null ? "" : url.strip();
        if (u.isEmpty()) {
            throw new InvalidInputException("url", "Give the webhook's URL (http:// or https://).");
        }
        if (u.length() > MAX_TARGET) {
            throw new InvalidInputException("url", "The webhook URL is longer than " + MAX_TARGET + " characters.");
        }
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("url", "\"" + cut(u) + "\" is not a URL: " + e.getReason() + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidInputException("url", "A webhook URL starts with http:// or https://, not \""
                    + cut(u) + "\".");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidInputException("url", "The webhook URL \"" + cut(u) + "\" names no host.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidInputException("url", "Put no user name or password in the webhook URL: it is shown "
                    + "on the Alerts page. The signature header tells the receiver the alert is certgate's.");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidInputException("url", "A webhook URL has no #fragment.");
        }
        return uri;
    }

    static String secret(String secret) throws InvalidInputException {
        if (secret == null || secret.isEmpty()) {
            throw new InvalidInputException("secret", "Give the webhook's secret: certgate signs each alert with it "
                    + "(X-Certgate-Signature) so the receiver can check it came from certgate.");
        }
        if (secret.length() < AlertService.MIN_SECRET_LENGTH || secret.length() > MAX_SECRET) {
            throw new InvalidInputException("secret", "The webhook's secret must have " + AlertService.MIN_SECRET_LENGTH
                    + " to " + MAX_SECRET + " characters (e.g. openssl rand -hex 32).");
        }
        return secret;
    }

    static String description(String description) throws InvalidInputException {
        if (description != null && description.strip().length() > MAX_DESCRIPTION) {
            throw new InvalidInputException("description", "The description is longer than " + MAX_DESCRIPTION
                    + " characters.");
        }
        return description == null || description.isBlank() ? null : description.strip();
    }

    static String cut(String text) {
        return text.length() > 80 ? text.substring(0, 79) + "…" : text;
    }
}
