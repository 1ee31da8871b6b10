package dev.certgate.settings;

import dev.certgate.logging.CertgateLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Optional;

/**
 * certgate's settings on the server: read once when the application starts, through MicroProfile Config, and
 * validated; a value that is not allowed stops the deployment with one message (CERTGATE-8002) naming the setting,
 * the value (never a secret's) and what is allowed. The start-up log says what is in force (CERTGATE-8001, secrets
 * as "set" or "not set"). Settings read at use ({@link Setting.Read#AT_USE}) are read again by {@link #now(Setting)}
 * or {@link #live()} each time their feature runs.
 * <p>
 * The beans that need settings at their own start ({@code Gateway}, {@code Vault}, {@code RenewalTimer}) name this
 * one in {@code @DependsOn}, so that a wrong value is reported here first. Internal: no remote view.
 */
@Singleton
@Startup
@PermitAll
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Settings {

    private volatile CertgateSettings current;
    private volatile SettingsSource live;

    @PostConstruct
    void read() {
        SettingsSource source = new MicroProfileSource(ConfigProvider.getConfig(Settings.class.getClassLoader()));
        CertgateSettings read;
        try {
            read = CertgateSettings.read(source);
        } catch (InvalidSettingException e) {
            CertgateLog.settingInvalid(e.getMessage());
            throw e;
        }
        for (Respelling respelling : read.respellings()) {
            CertgateLog.settingRespelled(respelling.setting(), respelling.value(), respelling.newSpelling());
        }
        for (Setting<?> setting : CertgateSettings.ALL) {
            if (setting.read() == Setting.Read.AT_USE) {
                try {
                    setting.read(source, respelling -> CertgateLog.settingRespelled(respelling.setting(),
                            respelling.value(), respelling.newSpelling()));
                } catch (InvalidSettingException e) {
                    CertgateLog.settingInvalidAtUse(e.getMessage());
                }
            }
        }
        live = source;
        current = read;
        CertgateLog.settingsInForce(read.described());
    }

    /** The settings read at start. */
    public CertgateSettings current() {
        return current;
    }

    /** The source of settings as it is now, for a feature that reads its {@link Setting.Read#AT_USE} settings. */
    public SettingsSource live() {
        return live;
    }

    /**
     * An at-use setting as it is set now (its default when unset).
     *
     * @throws InvalidSettingException naming the setting when its value is not allowed
     */
    public <T> Optional<T> now(Setting<T> setting) {
        return setting.read(live, respelling -> CertgateLog.settingRespelled(respelling.setting(),
                respelling.value(), respelling.newSpelling()));
    }
}
