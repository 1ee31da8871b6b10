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
import java.util.stream.Collectors;

/**
 * Sends alerts by e-mail through WildFly's mail session {@value #SESSION} (mail.cli: the SMTP server, STARTTLS,
 * credentials and the sender address come from the server's configuration, never from here). Plain text, UTF-8.
 */
final class MailSender {

    static final String SESSION = "java:jboss/mail/certgate";

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

    private static String describe(MessagingException e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            text.append(" (").append(cause).append(')');
        }
        return text.toString();
    }
}
