package dev.certgate.web.certificates;

import dev.certgate.api.CertificateService;
import dev.certgate.api.LocalCaMissingException;
import dev.certgate.api.LocalCaView;
import dev.certgate.web.PageActions;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Backs the local CA panel of certificates.xhtml: "no local CA yet" and, for admins and operators, its creation with
 * the domains it may issue for; once it exists, what it is and the download of its root. Reading it never creates it.
 */
@Named
@ViewScoped
public class LocalCaPanel implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private CertificateService certificates;

    private LocalCaView ca;
    private String permittedNames;
    private transient StreamedContent download;

    @PostConstruct
    void read() {
        ca = null;
        PageActions.run("reading the local CA", () -> {
            try {
                ca = certificates.localCa();
            } catch (LocalCaMissingException none) {
                ca = null; // the panel says so
            }
        });
    }

    /** The local CA; null when there is none yet. */
    public LocalCaView getCa() {
        return ca;
    }

    /** The domains the CA shall issue for, as typed: separated by spaces, commas or lines. */
    public String getPermittedNames() {
        return permittedNames;
    }

    public void setPermittedNames(String permittedNames) {
        this.permittedNames = permittedNames;
    }

    /** The CA's permitted names for the page, or that it may issue for any name. */
    public String permitted() {
        return ca == null || ca.permittedNames().isEmpty() ? "any name"
                : String.join(", ", ca.permittedNames()) + " and the names under them";
    }

    /** The "Create the local CA" button. */
    public void create() {
        List<String> names = permittedNames == null ? List.of()
                : Arrays.stream(permittedNames.split("[\\s,]+")).filter(name -> !name.isBlank()).toList();
        PageActions.run("creating the local CA", "only admins and operators create the local CA.", () -> {
            ca = certificates.createLocalCa(names);
            permittedNames = null;
            return "Created the local CA " + ca.subject() + ", for " + permitted() + ". Download its root below and "
                    + "install it where its certificates are used.";
        });
    }

    /** Action listener of the "Download the local CA root" button (which then streams {@link #getDownload()}). */
    public void prepareRoot() {
        download = null;
        PageActions.run("downloading the local CA root", () -> {
            byte[] pem = certificates.localCaRootPem().getBytes(StandardCharsets.US_ASCII);
            download = DefaultStreamedContent.builder().name("certgate-local-ca.pem")
                    .contentType("application/x-pem-file").contentLength((long) pem.length)
                    .stream(() -> new ByteArrayInputStream(pem)).build();
        });
    }

    public StreamedContent getDownload() {
        return download;
    }
}
