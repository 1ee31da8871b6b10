package dev.certgate.web.alerts;

import dev.certgate.api.AlertChannelSpec;
import dev.certgate.api.AlertChannelView;
import dev.certgate.api.AlertDeliveryView;
import dev.certgate.api.AlertService;
import dev.certgate.api.AlertView;
import dev.certgate.web.PageActions;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/**
 * The Alerts page: the channels alerts go to (add an e-mail address or a webhook, remove, send a test alert, each
 * channel's delivery log) and the alerts of the last days. The service checks the roles; the page shows what it says.
 */
@Named
@ViewScoped
public class ManageAlerts implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String REFUSAL = "only admins and operators change where alerts go.";
    /** The alerts shown: those of the last this many days. */
    public static final int RECENT_DAYS = 7;

    @EJB
    private AlertService alerts;

    private List<AlertChannelView> channels = List.of();
    private List<AlertView> recent = List.of();
    private List<AlertDeliveryView> deliveries = List.of();
    private String deliveriesOf;

    private String type = "EMAIL";
    private String address;
    private String url;
    private String secret;
    private String description;

    @PostConstruct
    void load() {
        reload();
    }

    private void reload() {
        PageActions.run("listing the alert channels", REFUSAL, () -> {
            channels = alerts.channels();
            recent = alerts.recent(RECENT_DAYS);
            return null;
        });
    }

    public void add() {
        AlertChannelSpec spec = "WEBHOOK".equals(type) ? AlertChannelSpec.webhook(url, secret, description)
                : AlertChannelSpec.email(address, description);
        boolean added = PageActions.run("adding an alert channel", REFUSAL, () -> {
            AlertChannelView view = alerts.addChannel(spec);
            return "Alerts now go to " + target(view) + ".";
        });
        secret = null;
        if (added) {
            address = null;
            url = null;
            description = null;
        }
        reload();
    }

    public void delete(AlertChannelView channel) {
        PageActions.run("removing an alert channel", REFUSAL, () -> {
            alerts.deleteChannel(channel.id());
            return "Alerts no longer go to " + target(channel) + ".";
        });
        if (channel.id().equals(deliveriesOf)) {
            deliveriesOf = null;
            deliveries = List.of();
        }
        reload();
    }

    public void sendTest(AlertChannelView channel) {
        PageActions.run("sending a test alert", REFUSAL, () -> {
            AlertDeliveryView sent = alerts.sendTest(channel.id());
            if ("SENT".equals(sent.outcome())) {
                return "The test alert reached " + target(channel) + attempts(sent) + ".";
            }
            PageActions.error("The test alert did not reach " + target(channel) + attempts(sent) + ": "
                    + sent.detail());
            return null;
        });
        reload();
        if (channel.id().equals(deliveriesOf)) {
            showDeliveries(channel);
        }
    }

    public void showDeliveries(AlertChannelView channel) {
        PageActions.run("reading the delivery log", REFUSAL, () -> {
            deliveries = alerts.deliveries(channel.id(), 50);
            deliveriesOf = channel.id();
            return null;
        });
    }

    public void refresh() {
        reload();
    }

    /** The channel's address or URL. */
    public String target(AlertChannelView channel) {
        return "EMAIL".equals(channel.type()) ? channel.address() : channel.url();
    }

    private static String attempts(AlertDeliveryView sent) {
        return sent.attempts() == 1 ? "" : " (" + sent.attempts() + " attempts)";
    }

    public String getDeliveriesTarget() {
        return channels.stream().filter(c -> c.id().equals(deliveriesOf)).map(this::target).findFirst().orElse("");
    }

    public List<AlertChannelView> getChannels() { return channels; }
    public List<AlertView> getRecent() { return recent; }
    public List<AlertDeliveryView> getDeliveries() { return deliveries; }
    public boolean isShowingDeliveries() { return deliveriesOf != null; }
    public int getRecentDays() { return RECENT_DAYS; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getSecret() { return null; }
    public void setSecret(String secret) { this.secret = secret; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
}
