package dev.certgate.acme;

import dev.certgate.acme.model.AcmeAccountRecord;
import dev.certgate.api.AcmeAccountRequest;
import dev.certgate.api.AcmeAccountView;
import dev.certgate.api.AcmeCaException;
import dev.certgate.api.AcmeDirectoryInfo;
import dev.certgate.api.AcmeDomainView;
import dev.certgate.api.AcmeService;
import dev.certgate.api.CertgateException;
import dev.certgate.api.ErrorCategory;
import dev.certgate.api.HostName;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.KeyType;
import dev.certgate.api.Roles;
import dev.certgate.boundary.CoreFailures;
import dev.certgate.core.BadInputException;
import dev.certgate.core.pki.KeySpec;
import dev.certgate.core.pki.Keys;
import dev.certgate.core.pki.Pem;
import dev.certgate.logging.CertgateLog;
import dev.certgate.settings.CertgateSettings;
import dev.certgate.settings.InvalidSettingException;
import dev.certgate.settings.Settings;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Metadata;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/**
 * ACME for admins and operators: the account, the domains' states, renew now, revoke. Calls that talk to the CA run
 * without a transaction ({@code NOT_SUPPORTED}) and write through {@link AcmeStore}'s short transactions afterwards.
 */
@Stateless
@DeclareRoles({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
public class AcmeServiceBean implements AcmeService {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s:,]+@[^@\\s:,]+\\.[^@\\s:,]+");

    @EJB
    private AcmeStore store;

    @EJB
    private AcmeWorkers workers;

    @EJB
    private Settings settings;

    @Override
    public AcmeAccountView account() {
        return store.accountView().orElse(AcmeAccountView.none());
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AcmeDirectoryInfo directory(String directoryUrl) throws CertgateException {
        String url = directoryUrl(directoryUrl);
        Session session = session(url);
        Metadata metadata = metadata(session, url);
        return new AcmeDirectoryInfo(url, metadata.getTermsOfService().map(URI::toString).orElse(null),
                metadata.getWebsite().map(Object::toString).orElse(null), metadata.isExternalAccountRequired(),
                profiles(metadata), offersRenewalInfo(session));
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<AcmeDirectoryInfo.Profile> profiles() throws CertgateException {
        AcmeAccountView account = account();
        if (account.directoryUrl() == null) {
            return List.of();
        }
        return profiles(metadata(session(account.directoryUrl()), account.directoryUrl()));
    }

    /** The profiles of a directory (draft-aaron-acme-profiles) with the CA's descriptions, by name. */
    static List<AcmeDirectoryInfo.Profile> profiles(Metadata metadata) {
        return metadata.getProfiles().stream().sorted().map(name -> new AcmeDirectoryInfo.Profile(name,
                metadata.getProfileDescription(name).orElse(""))).toList();
    }

    private static boolean offersRenewalInfo(Session session) {
        try {
            return session.resourceUrlOptional(org.shredzone.acme4j.connector.Resource.RENEWAL_INFO).isPresent();
        } catch (AcmeException e) {
            return false;
        }
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AcmeAccountView saveAccount(AcmeAccountRequest request) throws CertgateException {
        if (request == null) {
            throw new InvalidInputException("body", "The request has no JSON body.");
        }
        String directoryUrl = directoryUrl(request.directoryUrl());
        String email = request.email() == null || request.email().isBlank() ? null : request.email().strip();
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new InvalidInputException("email", "The contact " + email + " is not an e-mail address.");
        }
        String eabKeyId = request.eabKeyId() == null || request.eabKeyId().isBlank() ? null
                : request.eabKeyId().strip();
        Optional<KeySpec> wantedKey = accountKeySpec(request.keyType());
        byte[] eabHmacKey = eabHmacKey(eabKeyId, request.eabHmacKey());
        try {
            Session session = session(directoryUrl);
            Metadata metadata = metadata(session, directoryUrl);
            String terms = metadata.getTermsOfService().map(URI::toString).orElse(null);
            if (!Boolean.TRUE.equals(request.termsAgreed())) {
                throw new InvalidInputException("termsAgreed", terms == null
                        ? "Agree to the CA's terms of service: set termsAgreed to true."
                        : "Read the CA's terms of service at " + terms + " and agree to them: set termsAgreed to "
                        + "true.");
            }
            String defaultProfile = request.defaultProfile() == null || request.defaultProfile().isBlank() ? null
                    : request.defaultProfile().strip();
            if (defaultProfile != null && !metadata.isProfileAllowed(defaultProfile)) {
                throw new InvalidInputException("defaultProfile", "The CA at " + directoryUrl + " does not offer "
                        + "the certificate profile '" + defaultProfile + "' (" + AcmeOrderFlow.offered(metadata)
                        + ").");
            }
            if (metadata.isExternalAccountRequired() && eabKeyId == null) {
                throw new InvalidInputException("eabKeyId", "The CA at " + directoryUrl + " requires External "
                        + "Account Binding: give eabKeyId and eabHmacKey from your account at the CA.");
            }
            Optional<KeyPair> kept = store.accountKeyFor(directoryUrl);
            KeyPair key = kept.orElseGet(() -> wantedKey.orElse(KeySpec.DEFAULT).generate());
            AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(key);
            if (email != null) {
                builder.addEmail(email);
            }
            if (eabKeyId != null) {
                // acme4j takes the key's algorithm name "HMAC" and picks HS256/384/512 by its length; a
                // JCA name such as "HmacSHA256" is refused (before anything reaches the CA)
                builder.withKeyIdentifier(eabKeyId, new SecretKeySpec(eabHmacKey, "HMAC"));
            }
            Account account = register(builder, session, directoryUrl);
            if (kept.isPresent()) {
                updateContact(account, email, directoryUrl); // the same key finds the same account
                if (wantedKey.isPresent() && !wantedKey.equals(KeySpec.ofKey(key.getPublic()))) {
                    // same account, a key of the new type: stored as pending before the CA sees it, then written
                    // as the account key by saveAccount below
                    KeyPair next = wantedKey.get().generate();
                    KeyRollover.run(next, steps(account, wantedKey.get(), false), directoryUrl);
                    key = next;
                }
            }
            AcmeAccountRecord.Registration registration = new AcmeAccountRecord.Registration(directoryUrl, email,
                    terms, true, account.getLocation().toString(), account.getStatus().name(),
                    keyTypeOf(key), Base64.getEncoder().encodeToString(key.getPublic().getEncoded()));
            AcmeAccountView saved = store.saveAccount(registration, key.getPrivate(), eabKeyId, eabHmacKey,
                    defaultProfile);
            CertgateLog.acmeAccountRegistered(directoryUrl, registration.accountUrl());
            workers.startDue();
            return saved;
        } finally {
            AcmeStore.clear(eabHmacKey);
        }
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AcmeAccountView rolloverAccountKey() throws CertgateException {
        AcmeStore.AccountAccess account = requireAccount();
        KeySpec keySpec = KeySpec.ofKey(account.keyPair().getPublic()).orElse(KeySpec.DEFAULT); // the same type
        try {
            Account acmeAccount = login(account).getAccount();
            return KeyRollover.run(keySpec.generate(), steps(acmeAccount, keySpec, true), account.directoryUrl());
        } catch (IOException e) {
            CertgateLog.acmeCaRefused("rolling the account key over at " + account.directoryUrl(), e);
            throw refusedOrUnreachable(Failure.classify(e, "The CA at " + account.directoryUrl()
                    + " did not take the new account key; the old one stays"));
        }
    }

    /**
     * The steps of a rollover of {@code account} to a key of type {@code keySpec} (see {@link KeyRollover}): stored
     * as pending, sent, then promoted here ({@code promote}) or left for the caller to store with the account.
     */
    private KeyRollover.Steps steps(Account account, KeySpec keySpec, boolean promote) {
        return new KeyRollover.Steps() {
            @Override
            public void stage(KeyPair next) throws CertgateException {
                store.stagePendingKey(next, keySpec);
            }

            @Override
            public void send(KeyPair next) throws AcmeException {
                account.changeKey(next);
            }

            @Override
            public AcmeAccountView promote(KeyPair next) throws CertgateException {
                return promote ? store.promotePendingKey(next.getPublic(), "") : null;
            }

            @Override
            public void drop(KeyPair next) throws CertgateException {
                store.dropPendingKey(next.getPublic());
            }
        };
    }

    /** The account key type asked for; empty when none (a new account gets the default, a kept one its own). */
    private static Optional<KeySpec> accountKeySpec(KeyType keyType) {
        return Optional.ofNullable(keyType).map(KeySpec::forType);
    }

    private static String keyTypeOf(KeyPair key) {
        return KeySpec.ofKey(key.getPublic()).map(Enum::name).orElse(Keys.algorithm(key.getPublic()));
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AcmeAccountView deactivateAccount() throws CertgateException {
        AcmeStore.AccountAccess account = requireAccount();
        try {
            login(account).getAccount().deactivate();
        } catch (AcmeException | IOException e) {
            CertgateLog.acmeCaRefused("deactivating the account at " + account.directoryUrl(), e);
            throw refusedOrUnreachable(Failure.classify(e, "The CA at " + account.directoryUrl()
                    + " did not deactivate the account"));
        }
        return store.deactivated();
    }

    private AcmeStore.AccountAccess requireAccount() throws CertgateException {
        return store.accountAccess().orElseThrow(() -> new CertgateException("No ACME account is configured."));
    }

    /** Logs in to the account, first resolving a key an interrupted rollover left pending ({@link PendingAccountKey}). */
    private Login login(AcmeStore.AccountAccess account) throws CertgateException, IOException {
        Session session = session(account.directoryUrl());
        AcmeStore.AccountAccess resolved = PendingAccountKey.resolve(store, session, account);
        return session.login(URI.create(resolved.accountUrl()).toURL(), resolved.keyPair());
    }

    @Override
    public List<AcmeDomainView> domains() {
        return store.views();
    }

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AcmeDomainView renew(HostName domain) throws CertgateException {
        if (domain == null) {
            throw new InvalidInputException("domain", HostName.Problem.EMPTY.message("domain", ""));
        }
        AcmeDomainView view = store.renewNow(domain);
        workers.startDue();
        return view;
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void revoke(String certificateId, String reason) throws CertgateException {
        RevocationReason revocationReason = reason(reason);
        X509Certificate leaf;
        try {
            leaf = Pem.readCertificates(store.chainForRevocation(certificateId)).get(0);
        } catch (BadInputException e) {
            throw CoreFailures.toApi(e);
        }
        AcmeStore.AccountAccess account = store.accountAccess().orElseThrow(() -> new CertgateException(
                "No ACME account is configured, so the certificate cannot be revoked at its CA."));
        try {
            org.shredzone.acme4j.Certificate.revoke(login(account), leaf, revocationReason);
        } catch (AcmeException | IOException e) {
            CertgateLog.acmeCaRefused("revoking " + certificateId, e);
            throw refusedOrUnreachable(Failure.classify(e, "The CA at " + account.directoryUrl()
                    + " did not revoke the certificate"));
        }
        String serial = leaf.getSerialNumber().toString(16);
        store.revoked(certificateId, serial, revocationReason.name());
        CertgateLog.acmeRevoked(certificateId, serial, revocationReason.name());
        workers.startDue();
    }

    private static RevocationReason reason(String reason) throws InvalidInputException {
        if (reason == null || reason.isBlank()) {
            return RevocationReason.UNSPECIFIED;
        }
        String wanted = reason.strip().replace("_", "").toLowerCase(Locale.ROOT);
        for (RevocationReason candidate : List.of(RevocationReason.UNSPECIFIED, RevocationReason.KEY_COMPROMISE,
                RevocationReason.AFFILIATION_CHANGED, RevocationReason.SUPERSEDED,
                RevocationReason.CESSATION_OF_OPERATION)) {
            if (candidate.name().replace("_", "").toLowerCase(Locale.ROOT).equals(wanted)) {
                return candidate;
            }
        }
        throw new InvalidInputException("reason", "The revocation reason " + reason + " is not one a subscriber may "
                + "give: use unspecified, keyCompromise, affiliationChanged, superseded or cessationOfOperation.");
    }

    private static String directoryUrl(String given) throws InvalidInputException {
        if (given == null || given.isBlank()) {
            throw new InvalidInputException("directoryUrl", "The ACME directory URL is required (or a preset: "
                    + String.join(", ", AcmeConnections.PRESETS.keySet().stream().sorted().toList()) + ").");
        }
        String url = AcmeConnections.resolvePreset(given);
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new InvalidInputException("directoryUrl", "The ACME directory URL " + given + " is not an "
                        + "https:// URL (RFC 8555 requires HTTPS).");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw new InvalidInputException("directoryUrl", "The ACME directory URL " + given + " is not a URL.", e);
        }
    }

    private static byte[] eabHmacKey(String eabKeyId, String encoded) throws InvalidInputException {
        boolean hasKey = encoded != null && !encoded.isBlank();
        if ((eabKeyId == null) != !hasKey) {
            throw new InvalidInputException(eabKeyId == null ? "eabKeyId" : "eabHmacKey", "External Account "
                    + "Binding needs both eabKeyId and eabHmacKey.");
        }
        if (!hasKey) {
            return null;
        }
        try {
            byte[] key = Base64.getUrlDecoder().decode(encoded.strip().replace('+', '-').replace('/', '_')
                    .replace("=", ""));
            if (key.length < 32) { // RFC 7518 §3.2: an HS256 key has at least 256 bits (acme4j insists)
                throw new InvalidInputException("eabHmacKey", "The EAB HMAC key is too short (" + key.length
                        + " bytes, at least 32 are needed); paste it as the CA shows it.");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("eabHmacKey", "The EAB HMAC key is not base64url text; paste it as the "
                    + "CA shows it.", e);
        }
    }

    /** A session to the CA; the trust file is read at each use, as the settings document. */
    private Session session(String directoryUrl) throws CertgateException {
        try {
            return AcmeConnections.open(directoryUrl, settings.now(CertgateSettings.ACME_TRUST_FILE));
        } catch (GeneralSecurityException | IOException | InvalidSettingException e) {
            throw new CertgateException("The trust file for ACME (" + CertgateSettings.ACME_TRUST_FILE.name() + ") "
                    + "cannot be used: " + e.getMessage(), e);
        }
    }

    private static Metadata metadata(Session session, String directoryUrl) throws AcmeCaException {
        try {
            return session.getMetadata();
        } catch (AcmeException | RuntimeException e) {
            CertgateLog.acmeCaRefused("reading the directory " + directoryUrl, e);
            throw refusedOrUnreachable(Failure.classify(e, "The ACME directory " + directoryUrl
                    + " cannot be read"));
        }
    }

    private static Account register(AccountBuilder builder, Session session, String directoryUrl)
            throws AcmeCaException {
        try {
            return builder.create(session);
        } catch (AcmeServerException e) {
            CertgateLog.acmeCaRefused("registering at " + directoryUrl, e);
            throw new AcmeCaException("The CA at " + directoryUrl + " refused the account: "
                    + e.getProblem().getDetail().orElse(e.getType().toString()));
        } catch (AcmeException | RuntimeException e) {
            CertgateLog.acmeCaRefused("registering at " + directoryUrl, e);
            throw refusedOrUnreachable(Failure.classify(e, "The account could not be registered at "
                    + directoryUrl));
        }
    }

    private static void updateContact(Account account, String email, String directoryUrl) throws AcmeCaException {
        List<URI> wanted = email == null ? List.of() : List.of(URI.create("mailto:" + email));
        if (account.getContacts().equals(wanted)) {
            return;
        }
        try {
            Account.EditableAccount edit = account.modify();
            edit.getContacts().clear();
            if (email != null) {
                edit.addEmail(email);
            }
            edit.commit();
        } catch (AcmeException | RuntimeException e) {
            CertgateLog.acmeCaRefused("changing the contact at " + directoryUrl, e);
            throw refusedOrUnreachable(Failure.classify(e, "The CA at " + directoryUrl
                    + " did not change the account's contact"));
        }
    }

    /**
     * The exception for a CA call that failed as {@code failure} says: {@link ErrorCategory#UNAVAILABLE} when the CA
     * could not be reached or did not answer in time, {@link ErrorCategory#UNACCEPTABLE} when it answered and refused.
     */
    static AcmeCaException refusedOrUnreachable(Failure failure) {
        ErrorCategory category = switch (failure.cause()) {
            case CONNECTION, DNS, TIMEOUT -> ErrorCategory.UNAVAILABLE;
            default -> ErrorCategory.UNACCEPTABLE;
        };
        return new AcmeCaException(category, failure.message(), null);
    }
}
