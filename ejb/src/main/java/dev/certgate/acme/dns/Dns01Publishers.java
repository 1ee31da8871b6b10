package dev.certgate.acme.dns;

import dev.certgate.settings.InvalidSettingException;
import dev.certgate.settings.Setting;
import dev.certgate.settings.SettingsSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.certgate.settings.CertgateSettings.ACME_DNS_PROVIDER;
import static dev.certgate.settings.CertgateSettings.ACME_DNS_RESOLVER;
import static dev.certgate.settings.CertgateSettings.ACME_DNS_SERVER;
import static dev.certgate.settings.CertgateSettings.ACME_DNS_TSIG_ALGORITHM;
import static dev.certgate.settings.CertgateSettings.ACME_DNS_TSIG_KEY_NAME;
import static dev.certgate.settings.CertgateSettings.ACME_DNS_TSIG_SECRET_FILE;
import static dev.certgate.settings.CertgateSettings.ACME_DNS_TTL;
import static dev.certgate.settings.CertgateSettings.ACME_DNS_ZONE;
import static dev.certgate.settings.CertgateSettings.DNS_RFC2136;

/**
 * The configured {@link Dns01Publisher}, from the {@code certgate.acme.dns.*} settings (see
 * {@link dev.certgate.settings.CertgateSettings}; read at each order, so that a change made with jboss-cli
 * {@code /system-property} applies from the next order on); unset {@code certgate.acme.dns.provider} means DNS-01
 * is not available, and domains that need it (wildcards) fail with that cause.
 * <ul>
 *   <li>{@code certgate.acme.dns.provider=rfc2136}: {@code certgate.acme.dns.server} (host[:port], the zone's primary,
 *   which accepts updates), {@code certgate.acme.dns.tsig-key-name}, {@code certgate.acme.dns.tsig-algorithm}
 *   (default {@code hmac-sha256}), {@code certgate.acme.dns.tsig-secret-file} (a file holding the base64 secret, or a
 *   BIND key file as {@code tsig-keygen} writes it; kept outside the database like the instance key), optional
 *   {@code certgate.acme.dns.zone} (else the server is asked), {@code certgate.acme.dns.resolver} (host[:port] where
 *   visibility is checked; default the server) and {@code certgate.acme.dns.ttl} (default 60s).</li>
 * </ul>
 */
public final class Dns01Publishers {

    private static final Pattern BIND_SECRET = Pattern.compile("secret\\s+\"([^\"]+)\"");

    private Dns01Publishers() {
    }

    /**
     * The publisher the settings in {@code source} describe, or empty when none is configured.
     *
     * @throws DnsUpdateException when the configuration is incomplete or wrong (the message says which setting)
     */
    public static Optional<Dns01Publisher> from(SettingsSource source) throws DnsUpdateException {
        Optional<String> provider = read(source, ACME_DNS_PROVIDER);
        if (provider.isEmpty()) {
            return Optional.empty();
        }
        return switch (provider.get()) {
            case DNS_RFC2136 -> Optional.of(new Rfc2136Publisher(
                    required(source, ACME_DNS_SERVER, provider.get()),
                    required(source, ACME_DNS_TSIG_KEY_NAME, provider.get()),
                    read(source, ACME_DNS_TSIG_ALGORITHM).orElseThrow(),
                    secret(required(source, ACME_DNS_TSIG_SECRET_FILE, provider.get())),
                    read(source, ACME_DNS_ZONE).orElse(null),
                    read(source, ACME_DNS_RESOLVER).orElse(null),
                    read(source, ACME_DNS_TTL).orElseThrow().toSeconds()));
            default -> throw new IllegalStateException("a provider the settings allow and this class does not know: "
                    + provider.get());
        };
    }

    private static <T> Optional<T> read(SettingsSource source, Setting<T> setting) throws DnsUpdateException {
        try {
            // No respelling: none of these settings has an older syntax.
            return setting.read(source, respelling -> { });
        } catch (InvalidSettingException e) {
            throw new DnsUpdateException(e.getMessage() + ".", e);
        }
    }

    private static <T> T required(SettingsSource source, Setting<T> setting, String provider)
            throws DnsUpdateException {
        Optional<T> value = read(source, setting);
        if (value.isEmpty()) {
            throw new DnsUpdateException(setting.name() + " is required for " + ACME_DNS_PROVIDER.name() + "="
                    + provider + ".");
        }
        return value.get();
    }

    /** The TSIG secret from its file; the messages name the file, never its content. */
    private static byte[] secret(Path file) throws DnsUpdateException {
        String setting = ACME_DNS_TSIG_SECRET_FILE.name();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new DnsUpdateException(setting + ": cannot read " + file + " (" + e.getClass().getSimpleName()
                    + ").", e);
        }
        Matcher bind = BIND_SECRET.matcher(text);
        String base64 = bind.find() ? bind.group(1) : text.strip();
        try {
            byte[] secret = Base64.getDecoder().decode(base64);
            if (secret.length < 16) {
                throw new DnsUpdateException(setting + ": the secret in " + file + " is shorter than 16 bytes.");
            }
            return secret;
        } catch (IllegalArgumentException e) {
            throw new DnsUpdateException(setting + ": " + file + " holds no base64 secret (nor a BIND key file).");
        }
    }
}
