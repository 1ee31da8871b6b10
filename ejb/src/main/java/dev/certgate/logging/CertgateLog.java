package dev.certgate.logging;

import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * Every message certgate's server side logs, one method each, with a stable id ({@code CERTGATE-nnnn}) that
 * operators can search and alert on. Never pass key material, passwords or tokens to any of these.
 */
public final class CertgateLog {

    private static final Logger LOG = Logger.getLogger("dev.certgate");

    private CertgateLog() {
    }

    public static void schemaMigrated(int applied) {
        LOG.infof("CERTGATE-1001: database schema is current (%d migration(s) applied now)", applied);
    }

    public static void databaseUnavailable(String call, String cause) {
        LOG.warnf("CERTGATE-1002: the database does not answer (%s, in %s): calls are refused as \"database "
                + "unavailable\" until it is back; the gateway goes on serving. Said once per 30 s", cause, call);
    }

    public static void instanceKeyCreated(Path file, String kekId) {
        LOG.infof("CERTGATE-1101: created a new instance key %s in %s (owner-only); back it up: without it no "
                + "stored private key can be opened", kekId, file);
    }

    public static void instanceKeyLoaded(Path file, String kekId) {
        LOG.infof("CERTGATE-1102: instance key(s) %s loaded from %s", kekId, file);
    }

    public static void instanceKeyExposed(Path file) {
        LOG.warnf("CERTGATE-1103: the instance key file %s is readable by others than its owner; "
                + "run: chmod 600 %s", file, file);
    }

    public static void instanceKeyUnavailable(Path file, Throwable cause) {
        LOG.errorf("CERTGATE-1104: the instance key file %s cannot be used (%s); stored private keys cannot be "
                + "opened and nothing new can be stored until it is fixed", file, cause.getMessage());
    }

    public static void instanceKeySupplied(String kekId) {
        LOG.infof("CERTGATE-1106: instance key %s supplied by the operator (environment or system property)", kekId);
    }

    public static void sealedUnderAnotherKey(int count, String kekId, String which) {
        LOG.errorf("CERTGATE-1107: %d stored key(s) are sealed under an instance key this node does not hold "
                + "(it holds %s) and cannot be opened: %s. Restore the instance key they were sealed with; nothing was changed",
                count, kekId, which);
    }

    public static void instanceKeyRotated(String fromId, String toId) {
        LOG.infof("CERTGATE-1108: instance key rotated from %s to %s", fromId, toId);
    }

    public static void rotationRecovered(String kekId, boolean promoted) {
        LOG.warnf("CERTGATE-1109: found an unfinished instance key rotation to %s: %s", kekId,
                promoted ? "it had committed, the new key is now in use" : "it had not committed, it was discarded");
    }

    public static void keyringFileMissing(Path file, long sealed) {
        LOG.errorf("CERTGATE-1110: the instance keyring file %s does not exist, but the database holds %d stored "
                + "key(s) sealed under instance keys: a new key would orphan them, so none was created and nothing "
                + "can be stored or opened. Restore the file (or set certgate.vault.key-file) and restart", file,
                sealed);
    }

    public static void activeKeyNotHeld(String activeId, Path file, String held) {
        LOG.errorf("CERTGATE-1111: this node does not hold the active instance key %s (its keyring file %s holds "
                + "%s): it opens what its keys sealed and stores nothing new. Copy the keyring file from a node "
                + "that holds the key", activeId, file, held.isEmpty() ? "no key" : held);
    }

    public static void instanceKeyStep(String step, String keyId, String detail) {
        LOG.infof("CERTGATE-1112: instance key %s %s: %s", keyId, step, detail);
    }

    public static void certificateUnreadable(String certificateId, String commonName, String reason) {
        LOG.errorf("CERTGATE-1105: certificate %s (%s) cannot be served: %s", certificateId, commonName, reason);
    }

    public static void certificateImported(String certificateId, String commonName, String fingerprint) {
        LOG.infof("CERTGATE-2001: stored certificate %s for %s (SHA-256 %s)", certificateId, commonName, fingerprint);
    }

    public static void bulkImported(int files, long imported, long duplicates, long expired, long refused,
                                    boolean dryRun, long planMillis, long totalMillis) {
        LOG.infof("CERTGATE-2002: bulk import%s of %d file(s): %d imported, %d duplicate(s), %d expired, %d refused "
                + "(read and paired in %d ms, %d ms in all)", dryRun ? " (dry run)" : "", files, imported, duplicates,
                expired, refused, planMillis, totalMillis);
    }

    public static void gatewayStarted(String host, int port, int certificates) {
        LOG.infof("CERTGATE-3001: gateway listening for TLS on %s:%d with %d certificate(s)", host, port,
                certificates);
    }

    public static void gatewayStartFailed(String host, int port, Throwable cause) {
        LOG.errorf(cause, "CERTGATE-3002: the gateway could not listen on %s:%d", host, port);
    }

    public static void gatewayStopped() {
        LOG.info("CERTGATE-3003: gateway stopped");
    }

    /**
     * @param millis    wall-clock time of the rebuild
     * @param cpuMillis CPU time the rebuilding thread spent (its database reads included; keys opened on other
     *                  threads not): unlike {@code millis}, it does not grow when other processes load the machine
     */
    public static void snapshotReplaced(int certificates, int names, long millis, long cpuMillis, long generation) {
        LOG.infof("CERTGATE-3004: gateway now serves %d certificate(s) for %d name(s) (rebuilt in %d ms, %d ms of CPU)"
                + " at change generation %d", certificates, names, millis, cpuMillis, generation);
    }

    /** The gateway's background warm-up has opened the keys it serves (those a handshake had not opened first). */
    public static void gatewayKeysOpened(int usable, int certificates, long millis) {
        LOG.infof("CERTGATE-3009: gateway opened the keys of %d of %d certificate(s) in the background in %d ms",
                usable, certificates, millis);
    }

    /** The TLS engine the gateway runs, once at start ({@code certgate.gateway.tls-engine}). */
    public static void gatewayTlsEngine(String engine, String library) {
        LOG.infof("CERTGATE-3200: gateway TLS engine %s (%s TLS)", engine, library);
    }

    /** The native TLS engine was asked for but cannot load here: the gateway runs {@code running} instead. */
    public static void gatewayTlsEngineFallback(String asked, String running, Throwable cause) {
        LOG.warnf("CERTGATE-3201: gateway TLS engine %s cannot load on this platform (%s: %s); running %s instead",
                asked, cause.getClass().getSimpleName(), cause.getMessage(), running);
    }

    /** The limits the gateway applies to clients, once at start. */
    public static void gatewayLimits(String limits) {
        LOG.infof("CERTGATE-3100: gateway limits: %s", limits);
    }

    /**
     * The overall connection cap refused a connection; logged once per burst (at most once a minute).
     *
     * @param unlogged refusals since the previous message, not logged one by one
     */
    public static void gatewayConnectionCapReached(int cap, long unlogged) {
        LOG.warnf("CERTGATE-3101: the gateway has %d open connections, its cap (certgate.gateway.max-connections): "
                + "new connections are closed at once until some end (%d more refused since the last such message; "
                + "the next message comes a minute after this one at the earliest)", cap, unlogged);
    }

    /**
     * The per-address connection cap refused a connection; logged once per burst (at most once a minute), whichever
     * address it was.
     */
    public static void gatewayAddressCapReached(String address, int cap, long unlogged) {
        LOG.warnf("CERTGATE-3102: client %s has %d open connections to the gateway, the most one address may have "
                + "(certgate.gateway.max-connections-per-address): its new connections are closed at once (%d more "
                + "refused, from any address, since the last such message; the next comes a minute after this one "
                + "at the earliest)", address, cap, unlogged);
    }

    public static void acmeAccountRegistered(String directoryUrl, String accountUrl) {
        LOG.infof("CERTGATE-4001: ACME account %s at %s is in use", accountUrl, directoryUrl);
    }

    public static void acmeIssued(String domain, String certificateId, Object notAfter, long millis) {
        LOG.infof("CERTGATE-4002: ACME issued the certificate %s for %s, valid until %s (%d ms)", certificateId,
                domain, notAfter, millis);
    }

    public static void acmeFailed(String domain, String cause, String message, Object retryAt) {
        LOG.warnf("CERTGATE-4003: ACME order for %s failed (%s): %s; the current certificate, if any, stays; next "
                + "attempt at %s", domain, cause, message, retryAt);
    }

    public static void acmeRenewalWindow(String domain, Object start, Object end, boolean due) {
        LOG.infof("CERTGATE-4013: the CA's renewal window for the certificate of %s is %s to %s%s", domain, start, end,
                due ? ": renewing now" : "");
    }

    public static void acmeAccountReregistered(String directoryUrl, String forgottenUrl, String accountUrl) {
        LOG.warnf("CERTGATE-4012: the CA at %s no longer knew the ACME account %s; registered it again as %s",
                directoryUrl, forgottenUrl, accountUrl);
    }

    public static void acmeAccountKeyPendingResolved(String accountUrl, boolean promoted) {
        LOG.warnf("CERTGATE-2101: the ACME account %s had a new key left pending by an interrupted rollover; the CA %s",
                accountUrl, promoted ? "knows the account by it, so it is the account key now"
                        : "does not know it, so it was dropped and the account key stays");
    }

    public static void acmeDefect(String domain, Throwable cause) {
        LOG.errorf(cause, "CERTGATE-4004: ACME order for %s failed unexpectedly", domain);
    }

    public static void acmeCleanupFailed(String domain, String reason) {
        LOG.warnf("CERTGATE-4005: could not withdraw the ACME challenge answer for %s: %s", domain, reason);
    }

    public static void acmeRevoked(String certificateId, String serial, String reason) {
        LOG.infof("CERTGATE-4006: revoked the ACME certificate %s (serial %s) at its CA, reason %s", certificateId,
                serial, reason);
    }

    public static void acmeTimerScheduled(Object interval, Object first) {
        LOG.infof("CERTGATE-4007: ACME renewal timer runs every %s, next at %s", interval, first);
    }

    /** Each firing of the renewal timer: {@code kind} is "tick" (the persistent, cluster-wide one) or "wake-up". */
    public static void acmeTimerFired(String kind, String node) {
        LOG.infof("CERTGATE-4011: ACME renewal timer %s fired on node %s", kind, node);
    }

    public static void acmeDiscarded(String domain) {
        LOG.infof("CERTGATE-4009: the certificate ordered for %s was not stored: the domain no longer uses ACME",
                domain);
    }

    public static void acmePreflight(String domain, boolean ready, String failures) {
        if (ready) {
            LOG.infof("CERTGATE-4101: pre-flight check of %s: ready for the CA", domain);
        } else {
            LOG.warnf("CERTGATE-4102: pre-flight check of %s failed: %s", domain, failures);
        }
    }

    public static void acmeCaRefused(String what, Throwable cause) {
        LOG.warnf("CERTGATE-4008: %s: %s", what, cause.toString());
    }

    public static void firstAdminGenerated(String name, java.nio.file.Path file) {
        // Never the password: it is in the owner-only file alone, which bin/run shows once on the console.
        LOG.infof("CERTGATE-5001: no users yet: created the admin '%s' with a generated password, written to %s "
                + "(readable by this server's user only). Sign in, add your own users, then delete that file.", name,
                file);
    }

    public static void firstAdminGiven(String name) {
        LOG.infof("CERTGATE-5002: no users yet: created the admin '%s' with the password from certgate.admin.password"
                + " / CERTGATE_ADMIN_PASSWORD", name);
    }

    public static void adminPasswordRefused(String why) {
        LOG.errorf("CERTGATE-5003: the first admin's password from certgate.admin.password / CERTGATE_ADMIN_PASSWORD"
                + " is not used: %s A password is generated instead.", why);
    }

    public static void adminPasswordNotWritten(java.nio.file.Path file, Throwable cause) {
        LOG.errorf(cause, "CERTGATE-5004: cannot write %s, so no admin was created (nobody could read its generated "
                + "password): make the directory writable, or give the first password in certgate.admin.password / "
                + "CERTGATE_ADMIN_PASSWORD, and start again", file);
    }

    public static void initialUsersCreated(java.util.List<String> names) {
        LOG.infof("CERTGATE-5005: no users yet: created %s from the initial-users file (now deleted)", names);
    }

    public static void initialUsersIgnored(java.nio.file.Path file) {
        LOG.warnf("CERTGATE-5006: %s was ignored (there are users already) and deleted", file);
    }

    /** @param name the line's user name, only when it is a valid one (null: the line is named by number alone) */
    public static void initialUserRefused(java.nio.file.Path file, int line, String name, String why) {
        LOG.errorf("CERTGATE-5007: %s, line %d: %s was not created: %s", file, line,
                name == null ? "the user" : "the user '" + name + "'", why);
    }

    public static void initialUsersUnreadable(java.nio.file.Path file, Throwable cause) {
        LOG.errorf(cause, "CERTGATE-5008: cannot read or delete %s", file);
    }

    public static void firstUsersFailed(Throwable cause) {
        LOG.errorf(cause, "CERTGATE-5009: the first users could not be created (another node may have done it)");
    }

    // --- settings (dev.certgate.settings) ---

    /** The at-start settings in force; {@code described} holds no secret (only whether one is set). */
    public static void settingsInForce(java.util.Map<String, String> described) {
        StringBuilder text = new StringBuilder();
        described.forEach((name, value) -> text.append(text.isEmpty() ? "" : ", ").append(name).append('=')
                .append(value));
        LOG.infof("CERTGATE-8001: settings in force: %s", text);
    }

    /** A setting's value is not allowed: the deployment stops. The message never holds a secret value. */
    public static void settingInvalid(String message) {
        LOG.errorf("CERTGATE-8002: %s. certgate does not start until it is fixed (see docs/configuration.md)",
                message);
    }

    public static void settingRespelled(String setting, String value, String newSpelling) {
        LOG.warnf("CERTGATE-8003: %s=%s is an ISO-8601 duration, still accepted for this setting only; write it as "
                + "%s", setting, value, newSpelling);
    }

    /** A setting read at use is wrong now: the feature that uses it fails, with this message, until it is fixed. */
    public static void settingInvalidAtUse(String message) {
        LOG.warnf("CERTGATE-8004: %s; the feature that reads it at use fails until it is fixed", message);
    }

    // --- cluster (dev.certgate.cluster): 6xxx ---

    public static void clusterNodeStarted(String node, String version, long generation) {
        LOG.infof("CERTGATE-6001: node %s (certgate %s) registered; its gateway serves change generation %d", node,
                version, generation);
    }

    public static void clusterMembership(String group, boolean local, java.util.List<String> members) {
        if (local) {
            LOG.infof("CERTGATE-6002: no cluster channel (single node): other nodes on this database catch up by "
                    + "polling the change sequence each second");
        } else {
            LOG.infof("CERTGATE-6002: change messages go over the cluster group %s, members now %s", group, members);
        }
    }

    public static void clusterMembershipChanged(java.util.List<String> members, java.util.List<String> joined,
                                                java.util.List<String> left) {
        LOG.infof("CERTGATE-6006: cluster members now %s (joined %s, left %s)", members, joined, left);
    }

    public static void challengeNotServedEverywhere(long generation, java.util.List<String> behind, long waitedMs) {
        LOG.warnf("CERTGATE-6007: node(s) %s did not serve ACME challenge generation %d within %d ms; the CA's "
                + "validation fails if it reaches them", behind, generation, waitedMs);
    }

    public static void clusterMessageFailed(Throwable cause) {
        LOG.warnf("CERTGATE-6003: could not tell the other nodes about a change (%s); they catch up by their poll "
                + "within a second", cause.toString());
    }

    public static void clusterMessageIgnored(String origin) {
        LOG.debugf("CERTGATE-6004: ignored the change message from %s (certgate.cluster.messages=false)", origin);
    }

    public static void clusterPollFailed(Throwable cause) {
        LOG.warnf("CERTGATE-6005: could not read the change sequence or write the heartbeat (%s); the gateway keeps "
                + "serving what it has and tries again in a second", cause.toString());
    }

    public static void nodeDown(String node, java.time.Instant lastHeartbeat, long silentSeconds) {
        LOG.warnf("CERTGATE-6008: node %s stopped serving: no heartbeat since %s (%d s); NODE_DOWN alert raised",
                node, lastHeartbeat, silentSeconds);
    }

    public static void nodeDownEnded(int ended) {
        LOG.infof("CERTGATE-6009: %d NODE_DOWN alert(s) ended: the node is up again, or its row was removed", ended);
    }

    public static void nodeWatchFailed(Throwable cause) {
        LOG.warnf("CERTGATE-6010: could not look at the other nodes' heartbeats or raise their alert (%s); "
                + "tried again at the next look", cause.toString());
    }

    // --- alerts (7xxx) ---

    public static void alertTimerScheduled(Object interval) {
        LOG.infof("CERTGATE-7001: the alert check runs every %s (one node at a time)", interval);
    }

    public static void alertsRaised(int raised, int delivered, int failed, int channels) {
        LOG.infof("CERTGATE-7002: raised %d alert(s): %d message(s) delivered, %d failed, to %d channel(s)", raised,
                delivered, failed, channels);
    }

    public static void alertDeliveryFailed(String channel, String subject, int attempts, String why) {
        LOG.warnf("CERTGATE-7003: the alert \"%s\" did not reach %s after %d attempt(s): %s", subject, channel,
                attempts, why);
    }

    public static void alertCheckFailed(Throwable cause) {
        LOG.errorf(cause, "CERTGATE-7004: the alert check failed; it runs again at its next tick");
    }

    public static void alertsWithoutChannel(int raised) {
        LOG.warnf("CERTGATE-7005: raised %d alert(s) but no alert channel is configured: add one on the Alerts page",
                raised);
    }

    // --- served-certificate check (dev.certgate.served): 95xx (the web module has 90xx, WebLog) ---

    public static void servedCheckScheduled(Object interval) {
        LOG.infof("CERTGATE-9501: the served-certificate check runs every %s and after every snapshot change",
                interval);
    }

    public static void servedCheckDone(int names, int problems, long millis) {
        if (problems == 0) {
            LOG.debugf("CERTGATE-9502: served-certificate check: %d name(s) served as stored (%d ms)", names, millis);
        } else {
            LOG.warnf("CERTGATE-9502: served-certificate check: %d of %d name(s) not served as stored (%d ms)",
                    problems, names, millis);
        }
    }

    public static void servedMismatch(String host, String outcome, String detail) {
        LOG.errorf("CERTGATE-9503: %s is not served as stored (%s): %s", host, outcome, detail);
    }

    public static void servedCheckFailed(Throwable cause) {
        LOG.errorf(cause, "CERTGATE-9504: the served-certificate check failed; it runs again at its next trigger");
    }

    public static void servedChainUnreadable(String certificateId, Throwable cause) {
        LOG.errorf("CERTGATE-9505: the stored chain of certificate %s does not read (%s); not checked",
                certificateId, cause.getClass().getSimpleName());
    }
}
