package dev.certgate.web.rest;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses a state-changing call whose body is not declared JSON, with 415: a POST, PUT or PATCH must say
 * {@code Content-Type: application/json} (or a {@code +json} type), even when it has no body (rotate, key rollover,
 * renew, a test alert).
 * <p>
 * Why: a browser sends a POST to another site without asking that site first only when its type is one of the CORS
 * "simple" ones (a form's {@code application/x-www-form-urlencoded}, {@code multipart/form-data},
 * {@code text/plain}) or when it has no body and no type at all; and it adds the Basic credentials it has cached for
 * certgate. So, without this, any page an admin visits could make their browser rotate the instance key. A JSON
 * type is not simple: the browser asks first (a CORS preflight), certgate does not allow other origins, and the call
 * is never sent. DELETE needs no such check: it is never simple.
 */
@Provider
@PreMatching
public class JsonOnlyFilter implements ContainerRequestFilter {

    private static final Set<String> CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    @Override
    public void filter(ContainerRequestContext request) {
        if (CHANGING.contains(request.getMethod()) && !isJson(request.getMediaType())) {
            String sent = request.getMediaType() == null ? "no Content-Type"
                    : "Content-Type " + request.getMediaType().getType() + "/" + request.getMediaType().getSubtype();
            String detail = "A call that changes something takes a JSON body: send the header Content-Type: "
                    + "application/json (with no body where the call takes none). This one came with " + sent + ".";
            request.abortWith(Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE)
                    .type(Problem.MEDIA_TYPE)
                    .entity(new Problem("about:blank", "Unsupported Media Type", 415, detail,
                            List.of(new Problem.FieldError("Content-Type", detail)), null))
                    .build());
        }
    }

    static boolean isJson(MediaType type) {
        return type != null && "application".equalsIgnoreCase(type.getType())
                && ("json".equalsIgnoreCase(type.getSubtype()) || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"));
    }
}
