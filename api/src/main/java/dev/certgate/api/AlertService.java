package dev.certgate.api;

import jakarta.ejb.Remote;

import java.util.List;

/**
 * Alerts: certificates near their end, ACME renewals that keep failing (and recovering), sent by e-mail (through the
 * server's mail session) and webhooks (JSON, signed with HMAC-SHA256) to the channels kept here. Every role may read;
 * admins and operators change channels, send a test alert and run the check now. Every alert sent is audited.
 */
@Remote
public interface AlertService {

    /** At least this many characters in a webhook's secret. */
    int MIN_SECRET_LENGTH = 16;

    /** Every channel, e-mail first, then by address or URL. */
    List<AlertChannelView> channels() throws CertgateException;

    /**
     * Adds a channel.
     *
     * @throws InvalidInputException          no or an unknown type, an address that is not an e-mail address, a URL
     *                                        that is not http(s) with a host, a secret too short
     * @throws DuplicateAlertChannelException alerts already go there
     */
    AlertChannelView addChannel(AlertChannelSpec spec) throws CertgateException;

    /** Removes a channel and its delivery log. @throws AlertChannelNotFoundException no channel has that id */
    void deleteChannel(String id) throws CertgateException;

    /**
     * Sends a test alert to the channel now (webhooks with their retries), logs and audits it.
     *
     * @return how the delivery went (a failure is an answer, not an exception)
     * @throws AlertChannelNotFoundException no channel has that id
     */
    AlertDeliveryView sendTest(String id) throws CertgateException;

    /** The channel's delivery log, newest first, at most {@code limit} lines (1 to 500). */
    List<AlertDeliveryView> deliveries(String channelId, int limit) throws CertgateException;

    /** The alerts raised in the last {@code days} days (1 to 90), newest first. */
    List<AlertView> recent(int days) throws CertgateException;

    /** Runs the alert check now, as the timer does (unless another node is running it). */
    AlertCheckResult checkNow() throws CertgateException;
}
