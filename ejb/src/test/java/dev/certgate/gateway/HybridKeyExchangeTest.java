package dev.certgate.gateway;

import dev.certgate.core.sni.SniFixtures;
import dev.certgate.core.sni.SniSnapshot;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The boringssl engine's key exchange: a client that has the hybrid post-quantum group (Netty's own client on
 * netty-tcnative: no JDK up to 25 has it) gets X25519MLKEM768, and the gateway counts it; a client with X25519 only
 * still connects, and is not counted as hybrid. On linux-x86_64 a native library that does not load fails these
 * tests ({@link TestGateway#requireEngine}).
 */
class HybridKeyExchangeTest {

    private static final AtomicInteger hybrid = new AtomicInteger();
    private static TestGateway gateway;
    private static EventLoopGroup loop;

    @BeforeAll
    static void start() throws Exception {
        SniSnapshot snapshot = SniSnapshot.of(List.of(SniFixtures.served("ec")));
        gateway = TestGateway.start(TlsEngine.BORINGSSL, () -> snapshot, GatewayLimits.defaults(), TestGateway.HELLO,
                new HandshakeCounts(outcome -> { }, () -> { }, hybrid::incrementAndGet));
        loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (loop != null) {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** One TLS 1.3 handshake from a native client offering {@code groups}; the group it negotiated. */
    private static String handshake(String... groups) throws Exception {
        SslContext client = SslContextBuilder.forClient()
                .sslProvider(SslProvider.OPENSSL)
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .protocols("TLSv1.3", "TLSv1.2")
                .option(OpenSslContextOption.GROUPS, groups)
                .build();
        CompletableFuture<String> negotiated = new CompletableFuture<>();
        Channel channel = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler tls = client.newHandler(ch.alloc(), TestGateway.HOST, gateway.httpsPort);
                        ch.pipeline().addLast(tls);
                        tls.handshakeFuture().addListener(done -> {
                            if (done.isSuccess()) {
                                negotiated.complete(NativeTls.group(tls.engine()).orElse("(none)"));
                            } else {
                                negotiated.completeExceptionally(done.cause());
                            }
                        });
                    }
                })
                .connect(TestGateway.LOOPBACK, gateway.httpsPort).sync().channel();
        try {
            return negotiated.get(10, TimeUnit.SECONDS);
        } finally {
            channel.close().sync();
        }
    }

    /** The hybrid count once the gateway's side of the handshakes is done (it finishes after the client's). */
    private static int hybridCountSettled(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (hybrid.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(100); // and nothing more arrives
        return hybrid.get();
    }

    @Test
    void aClientWithTheHybridGroupGetsIt() throws Exception {
        int before = hybrid.get();
        assertEquals(NativeTls.HYBRID_GROUP, handshake(NativeTls.HYBRID_GROUP));
        assertEquals(before + 1, hybridCountSettled(before + 1));
    }

    @Test
    void aClientOfferingAllGetsTheHybridGroupFirst() throws Exception {
        assertEquals(NativeTls.HYBRID_GROUP, handshake("X25519", "P-256", NativeTls.HYBRID_GROUP));
    }

    @Test
    void anOldClientWithX25519OnlyStillConnectsAndIsNotCountedAsHybrid() throws Exception {
        int before = hybrid.get();
        assertEquals("X25519", handshake("X25519"));
        assertEquals("P-256", handshake("P-256"));
        assertEquals(before, hybridCountSettled(before));
    }
}
