package dev.certgate.alerts;

import dev.certgate.core.alerts.Alert;
import dev.certgate.core.alerts.AlertMessage;
import dev.certgate.core.alerts.AlertPlanner;
import jakarta.mail.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mail sender against an SMTP server that takes the connection and never says a word (a hung or hostile
 * server): the attempt fails within the timeout instead of holding the sending thread forever, as JavaMail's default
 * would. A real JavaMail (Angus) client and a real socket on loopback.
 */
class MailSenderTest {

    @Test
    @Timeout(30) // without the bound, JavaMail would wait here forever
    void aServerThatNeverAnswersFailsTheAttemptWithinTheTimeout() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // kept open, never written to
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Properties properties = new Properties();
            properties.put("mail.smtp.host", "127.0.0.1");
            properties.put("mail.smtp.port", String.valueOf(silent.getLocalPort()));
            properties.put("mail.from", "certgate@certgate.test");
            Session session = Session.getInstance(properties);

            long started = System.nanoTime();
            Alert alert = AlertPlanner.nodeDown(Instant.now(), "node-a", Instant.now().minusSeconds(60), 60);
            Sent sent = MailSender.send(session, "ops@certgate.test", new AlertMessage(alert.subject(),
                    alert.text(), List.of(alert)), 1, Duration.ZERO, Duration.ofSeconds(1));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertFalse(sent.sent(), sent.toString());
            assertTrue(sent.detail().contains("could not be reached"), sent.detail());
            assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "bounded by the timeout, took " + took);
            assertEquals("1000", session.getProperty("mail.smtp.timeout"));
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aTimeoutTheSessionSetsIsKept() {
        Properties properties = new Properties();
        properties.put("mail.smtp.timeout", "2500");
        MailSender.bound(properties, MailSender.SMTP_TIMEOUT);
        assertEquals("2500", properties.getProperty("mail.smtp.timeout"));
        assertEquals("10000", properties.getProperty("mail.smtp.connectiontimeout"));
        assertEquals("10000", properties.getProperty("mail.smtps.writetimeout"));
    }
}
