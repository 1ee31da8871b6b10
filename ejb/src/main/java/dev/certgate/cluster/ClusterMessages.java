package dev.certgate.cluster;

import dev.certgate.applications.ApplicationsChanged;
import dev.certgate.certificates.CertificatesChanged;
import dev.certgate.gateway.ChallengesChanged;
import dev.certgate.logging.CertgateLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.interceptor.Interceptor;
import org.wildfly.clustering.server.GroupMember;
import org.wildfly.clustering.server.GroupMembershipEvent;
import org.wildfly.clustering.server.GroupMembershipListener;
import org.wildfly.clustering.server.Registration;
import org.wildfly.clustering.server.dispatcher.CommandDispatcher;
import org.wildfly.clustering.server.dispatcher.CommandDispatcherFactory;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

/**
 * Tells the other nodes, right after a commit, that something they serve has changed, so that they refresh at once
 * instead of at their next poll. It runs on WildFly's own clustering: the command dispatcher of the server's default
 * channel (the {@code ee} JGroups channel in {@code standalone-ha.xml}, see {@code wildfly-config/src/main/cli/cluster.cli});
 * on a single node ({@code standalone.xml}) the same name gives a local dispatcher and announcing reaches nobody.
 */
@Singleton
@Startup
@PermitAll // internal: no remote view
@DependsOn("ClusterSync")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ClusterMessages {

    /** The dispatcher's id: the same on every node, unique among the server's dispatchers. */
    static final String DISPATCHER_ID = "dev.certgate.cluster.changes";

    @Resource(lookup = "java:jboss/clustering/server/command-dispatcher-factory/default")
    private CommandDispatcherFactory<GroupMember> factory;

    @EJB
    private ClusterSync sync;

    @Resource
    private ManagedExecutorService executor;

    private volatile CommandDispatcher<GroupMember, ChangeListener> dispatcher;
    private Registration membershipListener;
    private String nodeName;

    @PostConstruct
    void start() {
        ClusterSync receiver = sync; // the container's proxy: messages run the catch-up like any other call
        nodeName = receiver.nodeName();
        dispatcher = factory.createCommandDispatcher(DISPATCHER_ID, (ChangeListener) receiver::changedElsewhere,
                ClusterMessages.class.getClassLoader());
        CertgateLog.clusterMembership(factory.getGroup().getName(), factory.getGroup().isSingleton(),
                names(factory.getGroup().getMembership().getMembers()));
        membershipListener = factory.getGroup().register(new GroupMembershipListener<GroupMember>() {
            @Override
            public void updated(GroupMembershipEvent<GroupMember> event) {
                CertgateLog.clusterMembershipChanged(names(event.getCurrentMembership().getMembers()),
                        names(event.getJoiners()), names(event.getLeavers()));
            }
        });
    }

    private static java.util.List<String> names(java.util.Collection<GroupMember> members) {
        return members.stream().map(GroupMember::getName).sorted().toList();
    }

    @PreDestroy
    void stop() {
        if (membershipListener != null) {
            membershipListener.close();
        }
        CommandDispatcher<GroupMember, ChangeListener> open = dispatcher;
        dispatcher = null;
        if (open != null) {
            open.close();
        }
    }

    /** After a commit that changed certificates or the gateway's settings: first of the observers. */
    public void onCertificatesChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS)
                                      @Priority(Interceptor.Priority.PLATFORM_BEFORE) CertificatesChanged change) {
        announce();
    }

    /** After a commit that changed applications or domains: first of the observers. */
    public void onApplicationsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS)
                                      @Priority(Interceptor.Priority.PLATFORM_BEFORE) ApplicationsChanged change) {
        announce();
    }

    /** After a commit that published an ACME challenge: the CA may ask any node for it. */
    public void onChallengesChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS)
                                    @Priority(Interceptor.Priority.PLATFORM_BEFORE) ChallengesChanged change) {
        announce();
    }

    /** Sends "changed" to every other member, from a container thread (the committing caller does not wait). */
    private void announce() {
        CommandDispatcher<GroupMember, ChangeListener> open = dispatcher;
        if (open == null || factory.getGroup().isSingleton()) {
            return; // alone (one node, or the others are not up): nobody to tell
        }
        try {
            executor.execute(() -> {
                try {
                    open.dispatchToGroup(new ChangedCommand(nodeName), Set.of(factory.getGroup().getLocalMember()));
                } catch (IOException | RuntimeException e) {
                    CertgateLog.clusterMessageFailed(e); // the others catch up by their poll
                }
            });
        } catch (RejectedExecutionException e) {
            CertgateLog.clusterMessageFailed(e);
        }
    }
}
