package dev.certgate.web.acme;

import dev.certgate.api.AcmeAccountRequest;
import dev.certgate.api.AcmeAccountView;
import dev.certgate.api.AcmeDirectoryInfo;
import dev.certgate.api.AcmeService;
import dev.certgate.api.CertgateException;
import dev.certgate.api.KeyType;
import dev.certgate.web.PageActions;
import dev.certgate.web.WebLog;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ACME account part of acme.xhtml (admins change it; everyone sees it): the CA's directory (a preset or a URL),
 * its terms of service as the directory names them, the contact, optional External Account Binding (the HMAC key
 * is write-only: never shown back, not even kept in the view after a save), the key type; key rollover and
 * deactivation.
 */
@Named
@ViewScoped
public class AcmeAccountSettings implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String REFUSAL = "only admins change the ACME account.";
    public static final String CUSTOM = "custom";

    /** Directory presets, as the service knows them, by the label shown. */
    private static final Map<String, String> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("letsencrypt", "https://acme-v02.api.letsencrypt.org/directory");
        PRESETS.put("letsencrypt-staging", "https://acme-staging-v02.api.letsencrypt.org/directory");
    }

    @EJB
    private AcmeService acme;

    private AcmeAccountView account = AcmeAccountView.none();

    private String preset = "letsencrypt-staging";
    private String customUrl;
    private String email;
    private boolean termsAgreed;
    private String eabKeyId;
    private String eabHmacKey;
    private KeyType keyType = KeyType.DEFAULT;
    private AcmeDirectoryInfo directory;
    private String directoryError;
    private String defaultProfile;
    private List<AcmeDirectoryInfo.Profile> profiles = List.of();
    private String profilesError;

    @PostConstruct
    void load() {
        PageActions.run("reading the ACME account", "every signed-in user may read the ACME account.", () -> {
            account = acme.account();
            return null;
        });
        if (account.directoryUrl() != null) {
            preset = PRESETS.entrySet().stream().filter(e -> e.getValue().equals(account.directoryUrl()))
                    .map(Map.Entry::getKey).findFirst().orElse(CUSTOM);
            customUrl = CUSTOM.equals(preset) ? account.directoryUrl() : null;
            email = account.email();
            termsAgreed = account.termsAgreed();
            eabKeyId = account.eabKeyId();
            keyType = account.keyType() == null ? KeyType.DEFAULT : account.keyType();
            defaultProfile = account.defaultProfile();
            try {
                profiles = acme.profiles();
            } catch (CertgateException e) {
                profilesError = e.getMessage();
            } catch (EJBException e) {
                WebLog.pageActionFailed("reading the CA's profiles", e);
                profilesError = "The CA's profiles could not be read; it has been logged.";
            }
        }
    }

    /** The directory URL the form names: the preset's, or the custom URL. */
    public String getDirectoryUrl() {
        return CUSTOM.equals(preset) ? customUrl : PRESETS.get(preset);
    }

    /** Reads the chosen directory: its terms of service, whether it requires EAB. The terms must be agreed again. */
    public void readDirectory() {
        directory = null;
        directoryError = null;
        String url = getDirectoryUrl();
        if (url == null || url.isBlank()) {
            return;
        }
        if (account.directoryUrl() == null || !url.strip().equals(account.directoryUrl())) {
            termsAgreed = false; // other terms: read them first
        }
        try {
            directory = acme.directory(url);
        } catch (CertgateException e) {
            directoryError = e.getMessage();
        } catch (EJBAccessException e) {
            directoryError = "Only admins read a CA's directory here.";
        } catch (EJBException e) {
            WebLog.pageActionFailed("reading an ACME directory", e);
            directoryError = "The directory could not be read; it has been logged.";
        }
    }

    /** The terms to show: from the directory just read, else those of the saved account. */
    public String getTermsOfService() {
        if (directory != null) {
            return directory.termsOfService();
        }
        return account.directoryUrl() != null && account.directoryUrl().equals(getDirectoryUrl())
                ? account.termsOfService() : null;
    }

    /**
     * The terms of service as a link: only an {@code https:} address with a host is one. The CA's directory names
     * the address; a {@code javascript:}, {@code data:} or plain {@code http:} one is shown as text, never linked
     * (Pebble's are a {@code data:} URL).
     */
    public String getTermsLink() {
        return httpsLink(getTermsOfService());
    }

    static String httpsLink(String address) {
        if (address == null) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(address.strip());
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getRawUserInfo() == null
                    ? uri.toASCIIString() : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    public void save() {
        String hmac = eabHmacKey;
        eabHmacKey = null; // never kept, never shown back
        AcmeAccountRequest request = new AcmeAccountRequest(getDirectoryUrl(), email, termsAgreed, eabKeyId, hmac,
                keyType, defaultProfile);
        PageActions.run("saving the ACME account", REFUSAL, () -> {
            account = acme.saveAccount(request);
            directory = null;
            return "Saved the ACME account at " + account.directoryUrl() + ": " + account.status() + ".";
        });
    }

    public void rollover() {
        PageActions.run("rolling the ACME account key over", REFUSAL, () -> {
            account = acme.rolloverAccountKey();
            return "The ACME account has a new key (" + account.keyType() + "); the old key no longer works.";
        });
    }

    public void deactivate() {
        PageActions.run("deactivating the ACME account", REFUSAL, () -> {
            account = acme.deactivateAccount();
            return "The ACME account is deactivated at its CA. Orders fail until you save an account again.";
        });
    }

    public Map<String, String> getPresets() {
        return PRESETS;
    }

    public AcmeAccountView getAccount() { return account; }
    public boolean isConfigured() { return account.directoryUrl() != null; }
    public String getPreset() { return preset; }
    public void setPreset(String preset) { this.preset = preset; }
    public String getCustomUrl() { return customUrl; }
    public void setCustomUrl(String customUrl) { this.customUrl = customUrl; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public boolean isTermsAgreed() { return termsAgreed; }
    public void setTermsAgreed(boolean termsAgreed) { this.termsAgreed = termsAgreed; }
    public String getEabKeyId() { return eabKeyId; }
    public void setEabKeyId(String eabKeyId) { this.eabKeyId = eabKeyId; }
    /** Write-only: the page never shows an HMAC key. */
    public String getEabHmacKey() { return null; }
    public void setEabHmacKey(String eabHmacKey) { this.eabHmacKey = eabHmacKey; }
    public KeyType getKeyType() { return keyType; }
    public void setKeyType(KeyType keyType) { this.keyType = keyType; }
    public AcmeDirectoryInfo getDirectory() { return directory; }
    public String getDefaultProfile() { return defaultProfile; }
    public void setDefaultProfile(String defaultProfile) { this.defaultProfile = defaultProfile; }
    /** The profiles the directory just read offers, else those of the saved account's CA (read at load). */
    public List<AcmeDirectoryInfo.Profile> getProfiles() {
        return directory != null ? directory.profiles() : profiles;
    }
    public String getProfilesError() { return profilesError; }
    public String getDirectoryError() { return directoryError; }
}
