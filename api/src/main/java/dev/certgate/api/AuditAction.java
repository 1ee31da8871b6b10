package dev.certgate.api;

import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbTypeAdapter;

/**
 * What an audit line records. The constant names are what the audit log stores and what the REST contract shows
 * ({@code "CERTIFICATE_IMPORT"}); a constant is never renamed or removed, since old lines keep it.
 */
@JsonbTypeAdapter(AuditAction.Json.class)
public enum AuditAction {
    ACME_ACCOUNT_DEACTIVATE,
    ACME_ACCOUNT_KEY_ROLLOVER,
    ACME_ACCOUNT_SAVE,
    /**
     * The CA had forgotten the account (a restart, a reset, a deletion on its side): certgate registered it again by
     * itself, with the stored contact, a new key of the stored type and the terms agreed before.
     */
    ACME_ACCOUNT_REREGISTER,
    /** A certificate obtained by ACME was stored. */
    ACME_ISSUE,
    /** "Renew now" was asked for a domain. */
    ACME_RENEW,
    /** An alert channel (an e-mail address or a webhook) was added. */
    ALERT_CHANNEL_ADD,
    /** An alert channel was removed. */
    ALERT_CHANNEL_DELETE,
    /** An alert message (one alert, a digest or a test) could not be delivered to a channel after its retries. */
    ALERT_SEND_FAILED,
    /** An alert message (one alert, a digest or a test) was delivered to a channel. */
    ALERT_SENT,
    APPLICATION_CREATE,
    APPLICATION_DELETE,
    APPLICATION_UPDATE,
    CERTIFICATE_DELETE,
    CERTIFICATE_EXPORT_PKCS12,
    /** A certificate was imported (PEM, DER or PKCS#12). */
    CERTIFICATE_IMPORT,
    CERTIFICATE_LOCAL_CA_ISSUE,
    CERTIFICATE_REPLACE,
    CERTIFICATE_REVOKE,
    CERTIFICATE_SELF_SIGN,
    /** The gateway's default certificate (or its refusal of unknown names) changed. */
    GATEWAY_DEFAULT_CERTIFICATE,
    /** The staged instance key became the active one (every node seals under it). */
    INSTANCE_KEY_ACTIVATE,
    /** A retired instance key left the keyring. */
    INSTANCE_KEY_RETIRE,
    /** Stored keys were re-sealed under the active instance key. */
    INSTANCE_KEY_REWRAP,
    INSTANCE_KEY_ROTATE,
    /** A new instance key was made and written to the keyring file, not sealing yet. */
    INSTANCE_KEY_STAGE,
    LOCAL_CA_CREATE,
    /** A user changed their own password. */
    PASSWORD_CHANGE,
    SIGN_IN,
    SIGN_IN_FAILED,
    SIGN_IN_THROTTLED,
    SIGN_OUT,
    USER_CREATE,
    USER_DELETE,
    USER_UPDATE;

    /** The input's name in messages and in {@link InvalidInputException#field()}. */
    public static final String FIELD = "action";

    /**
     * The action a user named: a constant name, case-insensitive.
     *
     * @return null for null or blank
     * @throws InvalidInputException on {@value #FIELD} when it names none
     */
    public static AuditAction parse(String text) throws InvalidInputException {
        return Vocabulary.parse(AuditAction.class, FIELD, "audit action", text);
    }

    /** The wire form of JSON-B: the constant's name; reading it as {@link #parse} does. */
    public static final class Json implements JsonbAdapter<AuditAction, String> {
        @Override
        public String adaptToJson(AuditAction value) {
            return value.name();
        }

        @Override
        public AuditAction adaptFromJson(String text) throws InvalidInputException {
            return parse(text);
        }
    }
}
