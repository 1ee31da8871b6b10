package dev.certgate.gateway;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The gateway's engine for one connection: JSSE's engine with the gateway's policy, except that a ClientHello that
 * is an ACME TLS-ALPN-01 validation is handed, before JSSE has read a byte, to an engine that answers it (see
 * {@link AcmeTlsAlpn}). Everything else is delegated unchanged, so the cost for ordinary connections is one look at
 * the first record.
 */
final class GatewayEngine extends SSLEngine {

    private final AcmeTlsAlpn acme;
    private volatile SSLEngine delegate;
    private volatile boolean inspected;
    private volatile boolean validation;
    private boolean handshakeBegun;

    private final HandshakeCounts counts;
    private final Refusal refusal;

    /**
     * Where a ClientHello for a name that is refused goes instead of the engine: BoringSSL, refused by the SNI
     * matcher, ends the handshake without an alert (netty-tcnative's SNI callback does not ask for one), so the native
     * engine hands such a hello to a JSSE engine of the same policy, which sends {@code unrecognized_name}.
     */
    interface Refusal {
        /** Whether a ClientHello asking for {@code serverName} (never null) is refused. */
        boolean refuses(String serverName);

        /** A server engine that refuses it with the alert. */
        SSLEngine createEngine(String peerHost, int peerPort);
    }

    GatewayEngine(SSLEngine delegate, AcmeTlsAlpn acme) {
        this(delegate, acme, HandshakeCounts.NONE);
    }

    /** @param acme answers TLS-ALPN-01 validations; null to answer none */
    GatewayEngine(SSLEngine delegate, AcmeTlsAlpn acme, HandshakeCounts counts) {
        this(delegate, acme, counts, null);
    }

    /** @param refusal refuses unknown names itself; null to leave that to {@code delegate} */
    GatewayEngine(SSLEngine delegate, AcmeTlsAlpn acme, HandshakeCounts counts, Refusal refusal) {
        super(delegate.getPeerHost(), delegate.getPeerPort());
        this.delegate = delegate;
        this.acme = acme;
        this.counts = counts;
        this.refusal = refusal;
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        if (!inspected) {
            inspect(src);
        }
        return finished(delegate.unwrap(src, dsts, offset, length));
    }

    /** Counts the key exchange group of a handshake when the engine says it has just finished (once per handshake). */
    private SSLEngineResult finished(SSLEngineResult result) {
        if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED && !validation) {
            counts.negotiated(delegate);
        }
        return result;
    }

    private void inspect(ByteBuffer src) throws SSLException {
        if (acme == null && refusal == null) {
            inspected = true; // nothing to look for
            return;
        }
        Optional<ClientHello> hello = ClientHello.peek(src);
        if (hello.isEmpty()) {
            return; // the first record is not all here yet; JSSE answers BUFFER_UNDERFLOW
        }
        inspected = true;
        if (delegate.getUseClientMode()) {
            return;
        }
        String serverName = hello.get().serverName();
        if (refusal != null && serverName != null && !hello.get().isAcmeValidation()
                && refusal.refuses(serverName)) {
            SSLEngine refusing = refusal.createEngine(getPeerHost(), getPeerPort());
            refusing.setUseClientMode(false);
            if (handshakeBegun) {
                refusing.beginHandshake();
            }
            delegate = refusing;
            return;
        }
        if (acme != null && hello.get().isAcmeValidation()) {
            SSLEngine answering = acme.createEngine(getPeerHost(), getPeerPort());
            if (handshakeBegun) {
                answering.beginHandshake();
            }
            delegate = answering;
            validation = true;
            counts.count(dev.certgate.metrics.Metrics.SniOutcome.TLS_ALPN_01);
        }
    }

    /**
     * The negotiated protocol. For a validation handshake this is {@code acme-tls/1} on the wire, but reported as
     * none here: Undertow has no listener for it and then treats the connection as HTTP/1.1, on which the CA sends
     * nothing (RFC 8737 §3: it closes right after the handshake).
     */
    @Override
    public String getApplicationProtocol() {
        return validation ? "" : delegate.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return validation ? "" : delegate.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        delegate.setHandshakeApplicationProtocolSelector(selector);
    }

    @Override
    public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return delegate.getHandshakeApplicationProtocolSelector();
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        return finished(delegate.wrap(srcs, offset, length, dst));
    }

    @Override
    public Runnable getDelegatedTask() {
        return delegate.getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException {
        delegate.closeInbound();
    }

    @Override
    public boolean isInboundDone() {
        return delegate.isInboundDone();
    }

    @Override
    public void closeOutbound() {
        delegate.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
        return delegate.isOutboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return delegate.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        delegate.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return delegate.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return delegate.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        delegate.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
        return delegate.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return delegate.getHandshakeSession();
    }

    @Override
    public void beginHandshake() throws SSLException {
        handshakeBegun = true;
        delegate.beginHandshake();
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
        return delegate.getHandshakeStatus();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        delegate.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return delegate.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        delegate.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return delegate.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        delegate.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return delegate.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        try {
            delegate.setEnableSessionCreation(flag);
        } catch (UnsupportedOperationException e) {
            // Netty's OpenSslEngine creates sessions always and refuses to be told to (Undertow tells every engine)
        }
    }

    @Override
    public boolean getEnableSessionCreation() {
        return delegate.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return delegate.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters parameters) {
        delegate.setSSLParameters(parameters);
    }
}
