package dev.certgate.web.acme;

import dev.certgate.api.AcmeDomainView;
import dev.certgate.api.AcmeService;
import dev.certgate.api.HostName;
import dev.certgate.web.Dates;
import dev.certgate.web.PageActions;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ACME domains table of acme.xhtml and "Renew now". A renewal runs in the background on the server (the order
 * can take many seconds); the page polls the domains' states every second while one it started is running, shows
 * the row as in progress, and says how it ended (the new certificate's end, or the failure and its cause) when the
 * domain's last attempt moves on.
 */
@Named
@ViewScoped
public class AcmeDomains implements Serializable {

    private static final long serialVersionUID = 1L;
    /** How long the page waits for a renewal it started before it stops polling (the table still shows it). */
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @EJB
    private AcmeService acme;

    @Inject
    private Dates dates;

    private List<AcmeDomainView> rows = List.of();

    /** Renewals this page started and waits for: domain → its last attempt before (null when none yet). */
    private final Map<String, Watched> watched = new LinkedHashMap<>();

    private record Watched(Instant lastAttemptBefore, Instant since) implements Serializable {
    }

    @PostConstruct
    void load() {
        reload();
    }

    private void reload() {
        PageActions.run("listing the ACME domains", "every signed-in user may read the ACME domains.", () -> {
            rows = acme.domains();
            return null;
        });
    }

    public List<AcmeDomainView> getDomains() {
        return rows;
    }

    /** "Renew now": orders a new certificate in the background and starts watching the domain. */
    public void renew(AcmeDomainView domain) {
        boolean started = PageActions.run("starting a renewal", "only admins and operators renew certificates.",
                () -> {
                    acme.renew(HostName.of(domain.domain()));
                    return "Ordering a new certificate for " + domain.domain() + " from the CA…";
                });
        if (started) {
            watched.put(domain.domain(), new Watched(domain.lastAttempt(), Instant.now()));
        }
        reload();
    }

    /** Polled while a renewal is watched: reads the states again and reports the renewals that ended. */
    public void check() {
        reload();
        Instant now = Instant.now();
        for (var entry : List.copyOf(watched.entrySet())) {
            String name = entry.getKey();
            Watched watch = entry.getValue();
            AcmeDomainView view = rows.stream().filter(r -> r.domain().equals(name)).findFirst().orElse(null);
            if (view == null) {
                watched.remove(name);
                PageActions.error(name + " no longer uses ACME; its renewal was dropped.");
            } else if (view.lastAttempt() != null && !Objects.equals(view.lastAttempt(), watch.lastAttemptBefore())
                    && !"RENEWING".equals(view.state()) && !"PENDING".equals(view.state())) {
                watched.remove(name);
                if ("FAILING".equals(view.state())) {
                    PageActions.error("Renewing " + name + " failed (" + view.errorCause() + "): " + view.lastError()
                            + " The current certificate, if any, is still served; next attempt "
                            + dates.utc(view.nextAttempt()) + ".");
                } else {
                    PageActions.info("Renewed " + name + ": a new certificate is served, valid until "
                            + dates.utc(view.notAfter()) + ".");
                }
            } else if (Duration.between(watch.since(), now).compareTo(PATIENCE) > 0) {
                watched.remove(name);
                PageActions.info("The renewal of " + name + " is still running; the table shows its outcome when "
                        + "it ends (reload the page).");
            }
        }
    }

    /** Whether a renewal this page started is still running, so the page keeps polling. */
    public boolean isWatching() {
        return !watched.isEmpty();
    }

    /** Whether {@code domain}'s renewal (started here) is running. */
    public boolean inProgress(AcmeDomainView domain) {
        return watched.containsKey(domain.domain());
    }
}
