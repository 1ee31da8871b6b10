package dev.certgate.alerts;

/**
 * How one message to one channel ended.
 *
 * @param sent     whether it got through
 * @param attempts how many attempts it took
 * @param detail   what the channel answered last (an HTTP status, the SMTP server's words); null when nothing
 */
record Sent(boolean sent, int attempts, String detail) {
}
