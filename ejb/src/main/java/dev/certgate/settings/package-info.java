/**
 * certgate's settings, in one place: {@link dev.certgate.settings.CertgateSettings} names every setting the server
 * reads (its name, environment variable, type, default and when it is read) and holds the values read at start,
 * validated; {@link dev.certgate.settings.Settings} is the bean that reads them once, through MicroProfile Config
 * (system property, then environment variable, then {@code META-INF/microprofile-config.properties}, then the
 * default), and reads the few "at use" settings again each time a feature needs them.
 * <p>
 * Everything here but {@code Settings} and {@code MicroProfileSource} is plain JDK code (no {@code jakarta.*}, no
 * MicroProfile), unit-tested without a server; it moves to the {@code core} module as it appears. Nothing here
 * accepts or returns null unless documented; an unset optional setting is an empty {@code Optional}.
 */
package dev.certgate.settings;
