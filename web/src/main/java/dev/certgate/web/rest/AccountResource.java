package dev.certgate.web.rest;

import dev.certgate.api.CertgateException;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.UserService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code PUT /api/v1/account/password}: every signed-in user changes their own password. */
@Path("/account")
@RequestScoped
public class AccountResource {

    @EJB
    private UserService users;

    /** The body: the current password and the new one. */
    public record PasswordChange(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[...]";
        }
    }

    @PUT
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(PasswordChange body) throws CertgateException {
        if (body == null) {
            throw new InvalidInputException("body", "The request has no JSON body.");
        }
        users.changeOwnPassword(body.currentPassword(), body.newPassword());
        return Response.noContent().build();
    }
}
