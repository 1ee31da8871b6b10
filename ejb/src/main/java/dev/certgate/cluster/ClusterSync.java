package dev.certgate.cluster;

import dev.certgate.gateway.ChangeSequence;
import dev.certgate.gateway.Gateway;
import dev.certgate.logging.CertgateLog;
import dev.certgate.settings.CertgateSettings;
import dev.certgate.settings.Settings;
import dev.certgate.vault.InstanceKeyCheck;
import dev.certgate.vault.Vault;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Keeps this node's gateway at the installation's latest change and tells the others it is alive. Every second it
 * reads the change sequence and, when it is ahead of what the gateway serves, refreshes the gateway (incrementally:
 * only changed rows are read), then writes this node's heartbeat row. A cluster message from another node
 * ({@link ClusterMessages}) runs the same catch-up at once; the poll is the safety net for a lost message, a
 * partition or a node that was paused or down.
 */
@Singleton
@Startup
@PermitAll // internal: no remote view; called by its own timer and by cluster messages
@DependsOn({"Settings", "Gateway"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ClusterSync {

    @EJB
    private Gateway gateway;

    @EJB
    private ChangeSequence sequence;

    @EJB
    private NodeRegistry registry;

    @EJB
    private Vault vault;

    @EJB
    private InstanceKeyCheck keyCheck;

    @EJB
    private Settings settings;

    @Resource
    private ManagedExecutorService executor;

    private String nodeName;
    private String version;
    private Instant startedAt;
    /** Whether the last poll failed: the failure is logged once, not every second. */
    private volatile boolean failing;

    @PostConstruct
    void start() {
        nodeName = nodeName();
        version = version();
        startedAt = Instant.now();
        heartbeat();
        CertgateLog.clusterNodeStarted(nodeName, version, gateway.servedGeneration());
    }

    /** This node's name in the registry and in cluster messages: {@code jboss.node.name}. */
    public String nodeName() {
        if (nodeName != null) {
            return nodeName;
        }
        return settings.current().nodeName();
    }

    /** Every second, on every node (a non-persistent timer: one per node, not one per cluster). */
    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "certgate cluster poll")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void poll() {
        try {
            catchUp();
            heartbeat();
            failing = false;
        } catch (RuntimeException e) {
            // The database may be down: the gateway keeps serving its snapshot; the next tick tries again.
            if (!failing) {
                CertgateLog.clusterPollFailed(e);
            }
            failing = true;
        }
    }

    /**
     * Another node committed a change: catch up now, on a container thread (the caller is a JGroups thread, which
     * must not wait on the database).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void changedElsewhere(String origin) {
        // certgate.cluster.messages=false (read at each message, so it can be set at run time): the poll alone
        if ("false".equals(settings.now(CertgateSettings.CLUSTER_MESSAGES).orElse("true"))) {
            CertgateLog.clusterMessageIgnored(origin);
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    catchUp();
                } catch (RuntimeException e) {
                    CertgateLog.clusterPollFailed(e);
                }
            });
        } catch (RejectedExecutionException e) {
            // shutting down, or the executor is saturated: the poll catches up within a second
            CertgateLog.clusterPollFailed(e);
        }
    }

    /** Refreshes the gateway when the database has a generation it does not serve yet. */
    private void catchUp() {
        long current = sequence.current();
        if (current > gateway.servedGeneration()) {
            gateway.catchUp(current);
        }
    }

    private void heartbeat() {
        try {
            keyCheck.refresh(); // the database's active and retired keys, and a keyring file copied in
        } catch (RuntimeException e) {
            if (!failing) {
                CertgateLog.clusterPollFailed(e);
            }
        }
        // the key ids held (none when no usable keyring: the node list shows it) and those sealing now; the
        // sealing ones after the held ones are read, so a key is never reported sealing but not held
        List<String> held = vault.heldKeyIds();
        registry.heartbeat(nodeName, version, startedAt, gateway.servedGeneration(), held, vault.sealingKeyIds());
    }

    private static String version() {
        String version = ClusterSync.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }
}
