package dev.certgate.audit;

import dev.certgate.api.RequestOrigin;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;

import java.net.InetSocketAddress;

/**
 * Gives the audit log the client address of EJB remote calls (the command-line client, an enterprise's programs),
 * as the web module's filter does for pages and REST calls. WildFly's EJB remoting puts the connection's peer address
 * in the invocation's context data; a local call has none and passes unchanged. A default interceptor of every
 * certgate EJB (META-INF/ejb-jar.xml).
 */
public class RemoteCallOrigin {

    /** The context-data key of the peer address (jboss-ejb-client's {@code EJBClient.SOURCE_ADDRESS_KEY}). */
    static final String SOURCE_ADDRESS = "jboss.source-address";

    @Inject
    private Instance<RequestOrigin> origin;

    @AroundInvoke
    public Object noteClientAddress(InvocationContext invocation) throws Exception {
        if (invocation.getContextData().get(SOURCE_ADDRESS) instanceof InetSocketAddress peer
                && peer.getAddress() != null) {
            try {
                RequestOrigin request = origin.get();
                if (request.address() == null) {
                    request.address(peer.getAddress().getHostAddress());
                }
            } catch (ContextNotActiveException | IllegalStateException noRequestScope) {
                // no request scope on this call: the audit log records no address, as for timers
            }
        }
        return invocation.proceed();
    }
}
