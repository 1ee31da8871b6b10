package dev.certgate.web.users;

import dev.certgate.api.CertgateException;
import dev.certgate.api.NewUser;
import dev.certgate.api.Roles;
import dev.certgate.api.UserChange;
import dev.certgate.api.UserService;
import dev.certgate.api.UserView;
import dev.certgate.web.WebLog;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The Users page (admins): list, add, change roles and enabled, reset a password, delete. The page only follows the
 * roles: the UserService refuses anyone but an admin, and what it says is shown.
 */
@Named
@ViewScoped
public class ManageUsers implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private UserService users;

    private List<UserView> list = List.of();

    // add
    private String newName;
    private String newPassword;
    private List<String> newRoles = new ArrayList<>(List.of(Roles.OPERATOR));

    // edit (the dialog)
    private String editName;
    private List<String> editRoles = new ArrayList<>();
    private boolean editEnabled;
    private String resetPassword;

    @PostConstruct
    void load() {
        call("listing the users", () -> list = users.list(), null);
    }

    public List<UserView> getUsers() {
        return list;
    }

    public List<String> getAllRoles() {
        return Roles.ALL;
    }

    public String roles(UserView user) {
        return String.join(", ", user.roles());
    }

    public void add() {
        String name = newName == null ? null : newName.trim();
        call("adding a user", () -> {
            UserView added = users.create(new NewUser(name, newPassword, newRoles));
            newName = null;
            newRoles = new ArrayList<>(List.of(Roles.OPERATOR));
            list = users.list();
            return "Added the user " + added.name() + " (" + roles(added) + ").";
        });
        newPassword = null;
    }

    /** Opens the dialog for {@code user}. */
    public void edit(UserView user) {
        editName = user.name();
        editRoles = new ArrayList<>(user.roles());
        editEnabled = user.enabled();
        resetPassword = null;
    }

    public void save() {
        String password = resetPassword == null || resetPassword.isEmpty() ? null : resetPassword;
        call("changing a user", () -> {
            UserView saved = users.update(editName, new UserChange(password, editRoles, editEnabled));
            list = users.list();
            return "Saved " + saved.name() + ": " + roles(saved) + (saved.enabled() ? "" : ", disabled")
                    + (password == null ? "." : ", new password set.");
        });
        resetPassword = null;
    }

    public void delete(UserView user) {
        call("deleting a user", () -> {
            users.delete(user.name());
            list = users.list();
            return "Deleted the user " + user.name() + ".";
        });
    }

    private interface Action {
        String run() throws CertgateException;
    }

    private interface Load {
        void run() throws CertgateException;
    }

    private void call(String what, Load load, String success) {
        call(what, () -> {
            load.run();
            return success;
        });
    }

    private void call(String what, Action action) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            String done = action.run();
            if (done != null) {
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, done, null));
            }
        } catch (CertgateException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
            faces.validationFailed();
        } catch (EJBAccessException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "Your role does not allow this: only admins manage users.", null));
            faces.validationFailed();
        } catch (EJBException e) {
            WebLog.pageActionFailed(what, e);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "Something went wrong while " + what + "; it has been logged. Try again.", null));
            faces.validationFailed();
        }
    }

    public String getNewName() { return newName; }
    public void setNewName(String newName) { this.newName = newName; }
    public String getNewPassword() { return null; }
    public void setNewPassword(String newPassword) { this.newPassword = newPassword; }
    public List<String> getNewRoles() { return newRoles; }
    public void setNewRoles(List<String> newRoles) { this.newRoles = newRoles; }
    public String getEditName() { return editName; }
    public List<String> getEditRoles() { return editRoles; }
    public void setEditRoles(List<String> editRoles) { this.editRoles = editRoles; }
    public boolean isEditEnabled() { return editEnabled; }
    public void setEditEnabled(boolean editEnabled) { this.editEnabled = editEnabled; }
    public String getResetPassword() { return null; }
    public void setResetPassword(String resetPassword) { this.resetPassword = resetPassword; }
}
