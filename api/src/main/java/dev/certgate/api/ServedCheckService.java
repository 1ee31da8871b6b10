package dev.certgate.api;

import jakarta.ejb.Remote;

import java.util.List;

/**
 * The served-certificate check of the node answering: every few minutes and after every change of what it serves,
 * it asks its own gateway for each stored name and compares what a client receives with the store. Any signed-in
 * role may read it.
 */
@Remote
public interface ServedCheckService {

    /** The names whose last check found a problem (a mismatch, a failed handshake, an ended certificate), sorted. */
    List<ServedCheckView> problems() throws CertgateException;

    /** When this node's last full check ended; null before the first. */
    java.time.Instant lastCheck() throws CertgateException;

    /** How many names this node's last full check looked at (0 before the first). */
    int lastRoundNames() throws CertgateException;

    /** How long this node's last full check took, in milliseconds (0 before the first). */
    long lastRoundMillis() throws CertgateException;
}
