package dev.certgate.web;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every message the web module logs, with a stable id ({@code CERTGATE-90nn}; the ejb side's are in its
 * {@code CertgateLog}). Never pass key material, passwords or tokens; the pasted PEM text is never logged.
 */
public final class WebLog {

    private static final Logger LOG = Logger.getLogger("dev.certgate.web");

    private WebLog() {
    }

    public static void pageActionFailed(String action, Throwable cause) {
        LOG.log(Level.SEVERE, "CERTGATE-9001: " + action + " failed unexpectedly", cause);
    }

    public static void restCallFailed(Throwable cause) {
        LOG.log(Level.SEVERE, "CERTGATE-9002: a REST call failed unexpectedly", cause);
    }
}
