package dev.certgate.web.acme;

import dev.certgate.api.AcmeDomainView;
import dev.certgate.api.HostName;
import dev.certgate.api.PreflightReport;
import dev.certgate.api.PreflightService;
import dev.certgate.web.PageActions;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;

/**
 * The "Pre-flight" button of acme.xhtml and the dialog with its report: each check the domain's challenge needs,
 * how it ended and, when it failed, the likely fix. Nothing is ordered or stored.
 */
@Named
@ViewScoped
public class AcmePreflight implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private PreflightService preflight;

    private PreflightReport report;

    /** Runs the check of {@code domain}; the dialog shows the report, the growl says whether it passed. */
    public void check(AcmeDomainView domain) {
        report = null;
        PageActions.run("running the pre-flight check", "only admins and operators run pre-flight checks.", () -> {
            report = preflight.check(HostName.of(domain.domain()));
            return null;
        });
        if (report != null) {
            if (report.ready()) {
                PageActions.info("Pre-flight check of " + report.domain() + ": ready for the CA ("
                        + report.challenge().label() + ").");
            } else {
                // a warning, not an error: the call worked (the dialog opens with the report), the domain does not
                PageActions.warn("Pre-flight check of " + report.domain() + " failed: " + report.failures());
            }
        }
    }

    /** The last report, null before a check or after a refused one. */
    public PreflightReport getReport() {
        return report;
    }
}
