package dev.certgate.gateway;

import io.undertow.predicate.Predicate;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.proxy.ProxyCallback;
import io.undertow.server.handlers.proxy.ProxyClient;
import io.undertow.server.handlers.proxy.ProxyConnection;
import io.undertow.predicate.IdempotentPredicate;
import io.undertow.util.AttachmentKey;
import io.undertow.util.WorkerUtils;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Adds the connect and read timeouts that Undertow's proxy lacks to a {@link ProxyClient} (Undertow 2.3's
 * {@code LoadBalancingProxyClient} has no connect timeout — its connect waits for the operating system, about two
 * minutes for a host that drops packets — and {@code ProxyHandler}'s only limit, {@code maxRequestTime}, bounds the
 * whole exchange, so it would also cut long downloads and streams).
 * <ul>
 *     <li><b>Connect:</b> a backend connection that is neither open nor refused after the connect timeout (or a
 *     request queued that long for a free pooled connection) fails the attempt; {@code ProxyHandler} then tries
 *     another backend or answers 503 (which the gateway shows as its 502 page). A connection that opens later is
 *     closed at once, which gives it back to the pool's count.</li>
 *     <li><b>Read:</b> once the client's request has been read whole, the backend has the read timeout to start its
 *     answer; if it has not, the exchange is marked {@link #TIMED_OUT}, the backend connection closed (it cannot be
 *     reused: its answer may still come) and the exchange ends with 504. An answer that has started is never cut.</li>
 * </ul>
 * Everything here runs on the exchange's I/O thread (the pool, its callbacks and the timers all do), so the state
 * needs no locks.
 */
final class TimedProxyClient implements ProxyClient {

    /** Set on an exchange whose backend did not answer within the read timeout. */
    static final AttachmentKey<Boolean> TIMED_OUT = AttachmentKey.create(Boolean.class);

    /**
     * For {@code ProxyHandler.Builder.setIdempotentRequestPredicate}: an idempotent request whose backend connection
     * fails may be retried on another connection (a pooled connection closed by the backend), except when the
     * failure is our read timeout, which must end in 504 rather than in a second wait.
     */
    static final Predicate RETRY_UNLESS_TIMED_OUT = exchange -> exchange.getAttachment(TIMED_OUT) == null
            && IdempotentPredicate.INSTANCE.resolve(exchange);

    private final ProxyClient delegate;
    private final long connectMillis;
    private final long readMillis;

    TimedProxyClient(ProxyClient delegate, Duration connectTimeout, Duration readTimeout) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.connectMillis = connectTimeout.toMillis();
        this.readMillis = readTimeout.toMillis();
    }

    @Override
    public ProxyTarget findTarget(HttpServerExchange exchange) {
        return delegate.findTarget(exchange);
    }

    @Override
    public List<ProxyTarget> getAllTargets() {
        return delegate.getAllTargets();
    }

    @Override
    public void getConnection(ProxyTarget target, HttpServerExchange exchange,
                              ProxyCallback<ProxyConnection> callback, long timeout, TimeUnit timeUnit) {
        Attempt attempt = new Attempt(callback);
        long queueMillis = timeout > 0 ? Math.min(timeUnit.toMillis(timeout), connectMillis) : connectMillis;
        delegate.getConnection(target, exchange, attempt, queueMillis, TimeUnit.MILLISECONDS);
        if (!attempt.decided) {
            // No pooled connection was at hand (the pool answers at once when one is): the wait starts now. Setting
            // the timer only here spares the common case a timer of its own.
            attempt.connectTimer = WorkerUtils.executeAfter(exchange.getIoThread(),
                    () -> attempt.connectTimedOut(exchange), connectMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** One attempt to get a backend connection for an exchange: the first outcome wins, later ones are dropped. */
    private final class Attempt implements ProxyCallback<ProxyConnection> {
        private final ProxyCallback<ProxyConnection> callback;
        private XnioExecutor.Key connectTimer;
        private boolean decided;

        Attempt(ProxyCallback<ProxyConnection> callback) {
            this.callback = callback;
        }

        @Override
        public void completed(HttpServerExchange exchange, ProxyConnection connection) {
            if (decided) { // opened after the connect timeout: nobody waits for it
                IoUtils.safeClose(connection.getConnection());
                return;
            }
            decide();
            XnioExecutor.Key readTimer = WorkerUtils.executeAfter(exchange.getIoThread(),
                    new ReadDeadline(exchange, connection), readMillis, TimeUnit.MILLISECONDS);
            exchange.addExchangeCompleteListener((done, next) -> {
                readTimer.remove();
                next.proceed();
            });
            callback.completed(exchange, connection);
        }

        @Override
        public void failed(HttpServerExchange exchange) {
            if (!decided) {
                decide();
                callback.failed(exchange);
            }
        }

        @Override
        public void couldNotResolveBackend(HttpServerExchange exchange) {
            if (!decided) {
                decide();
                callback.couldNotResolveBackend(exchange);
            }
        }

        @Override
        public void queuedRequestFailed(HttpServerExchange exchange) {
            if (!decided) {
                decide();
                callback.queuedRequestFailed(exchange);
            }
        }

        void connectTimedOut(HttpServerExchange exchange) {
            if (!decided && !exchange.isComplete()) {
                decided = true;
                callback.failed(exchange);
            }
        }

        private void decide() {
            decided = true;
            if (connectTimer != null) {
                connectTimer.remove();
            }
        }
    }

    /** Fires the read timeout for one exchange, unless its answer has started. */
    private final class ReadDeadline implements Runnable {
        private final HttpServerExchange exchange;
        private final ProxyConnection connection;

        ReadDeadline(HttpServerExchange exchange, ProxyConnection connection) {
            this.exchange = exchange;
            this.connection = connection;
        }

        @Override
        public void run() {
            if (exchange.isComplete() || exchange.isResponseStarted()) {
                return;
            }
            if (!exchange.isRequestComplete()) { // the client is still sending: the wait starts when it is done
                WorkerUtils.executeAfter(exchange.getIoThread(), this, readMillis, TimeUnit.MILLISECONDS);
                return;
            }
            exchange.putAttachment(TIMED_OUT, Boolean.TRUE);
            // Closing fails the proxied request; ProxyHandler then ends the exchange (no retry: RETRY_UNLESS_TIMED_OUT).
            IoUtils.safeClose(connection.getConnection());
            if (!exchange.isResponseStarted()) {
                exchange.setStatusCode(io.undertow.util.StatusCodes.GATEWAY_TIME_OUT);
                exchange.endExchange();
            }
        }
    }
}
