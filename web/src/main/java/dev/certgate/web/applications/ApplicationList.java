package dev.certgate.web.applications;

import dev.certgate.api.ApplicationService;
import dev.certgate.api.ApplicationView;
import dev.certgate.api.DomainSettings;
import dev.certgate.web.PageActions;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/** The application table of applications.xhtml: list and delete (with the page's confirmation). */
@Named
@ViewScoped
public class ApplicationList implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String REFUSAL = "only admins and operators change applications.";

    @EJB
    private ApplicationService applications;

    private List<ApplicationView> rows = List.of();

    @PostConstruct
    void load() {
        reload();
    }

    /** Reads the list again. */
    void reload() {
        PageActions.run("listing the applications", "every signed-in user may read the applications.", () -> {
            rows = applications.list();
            return null;
        });
    }

    public List<ApplicationView> getApplications() {
        return rows;
    }

    public void delete(ApplicationView application) {
        PageActions.run("deleting an application", REFUSAL, () -> {
            applications.delete(application.id());
            return "Deleted the application " + application.name() + " and its domains " + String.join(", ",
                    application.domains().stream().map(d -> d.name().toString()).toList()) + ".";
        });
        reload();
    }

    /** How a domain is served, in a few words: "ACME HTTP-01" or "stored certificate". */
    public String binding(DomainSettings domain) {
        return domain.acme() != null ? "ACME " + EditApplication.challengeLabel(domain.acme().challenge())
                : "stored certificate";
    }
}
