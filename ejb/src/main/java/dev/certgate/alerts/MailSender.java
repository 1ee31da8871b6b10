package dev.certgate.alerts;

import dev.certgate.core.alerts.AlertMessage;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Sends alerts by e-mail through WildFly's mail session {@value #SESSION} (mail.cli: the SMTP server, STARTTLS,
 * credentials and the sender address come from the server's configuration, never from here). Plain text, UTF-8.
 * <p>
 * Every connection to the SMTP server, and every read and write on it, is bounded by {@link #SMTP_TIMEOUT}: JavaMail
 * waits forever by default, and WildFly's mail server resource has no attribute for it, so an SMTP server that takes
 * the connection and never answers would hold the sending thread (the served-certificate check's, a node watch's,
 * the alert check's with its lease) for good. A timeout the session already sets is kept.
 */
final class MailSender {

    static final String SESSION = "java:jboss/mail/certgate";

    /** The longest a connection, a read or a write on the SMTP server may take, unless the session says otherwise. */
    static final Duration SMTP_TIMEOUT = Duration.ofSeconds(10);

    private MailSender() {
    }

    static Sent send(String address, AlertMessage message, int attempts, Duration backoff) {
        Session session;
        try {
            session = (Session) new InitialContext().lookup(SESSION);
        } catch (NamingException | ClassCastException e) {
            return new Sent(false, 1, "the server has no mail session " + SESSION + " (apply wildfly-config's "
                    + "mail.cli)");
        }
        return send(session, address, message, attempts, backoff, SMTP_TIMEOUT);
    }

    /** Sends through {@code session}, each connection, read and write bounded by {@code timeout}. */
    static Sent send(Session session, String address, AlertMessage message, int attempts, Duration backoff,
            Duration timeout) {
        bound(session.getProperties(), timeout);
        MimeMessage mail = new MimeMessage(session);
        try {
            if (session.getProperty("mail.from") != null) {
                mail.setFrom(new InternetAddress(session.getProperty("mail.from")));
            } else {
                mail.setFrom();
            }
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress(address, true));
            mail.setSubject(message.subject(), "UTF-8");
            mail.setText(message.text(), "UTF-8");
            mail.setSentDate(new Date());
            mail.setHeader("X-Certgate-Alert", message.alerts().stream().map(a -> a.kind().name()).distinct()
                    .collect(Collectors.joining(",")));
        } catch (MessagingException e) {
            return new Sent(false, 1, "could not write the mail: " + e.getMessage());
        }
        return Retries.run(attempts, backoff, () -> {
            try {
                Transport.send(mail);
                return new Retries.Try(true, false, null);
            } catch (MessagingException e) {
                return new Retries.Try(false, true, "the SMTP server refused or could not be reached: "
                        + describe(e));
            }
        });
    }

    /** Sets the SMTP timeouts that {@code properties} (a session's own) leave open to {@code timeout}. */
    static void bound(Properties properties, Duration timeout) {
        String millis = String.valueOf(timeout.toMillis());
        for (String protocol : List.of("smtp", "smtps")) {
            for (String kind : List.of("connectiontimeout", "timeout", "writetimeout")) {
                properties.putIfAbsent("mail." + protocol + "." + kind, millis);
            }
        }
    }

    private static String describe(MessagingException e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            text.append(" (").append(cause).append(')');
        }
        return text.toString();
    }
}
