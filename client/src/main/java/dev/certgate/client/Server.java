package dev.certgate.client;

import dev.certgate.api.CertgateException;
import org.wildfly.security.auth.client.AuthenticationConfiguration;
import org.wildfly.security.auth.client.AuthenticationContext;
import org.wildfly.security.auth.client.MatchRule;
import org.wildfly.security.sasl.SaslMechanismSelector;

import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * A certgate server reached over EJB remote ({@code remote+http://host:8080}), signed in as one user. The services are
 * the very ones the pages and the REST API call, with the same roles. Nothing is sent until the first call.
 */
final class Server implements AutoCloseable {

    /** The EAR is deployed as certgate.ear with its EJBs in ejb.jar (see ear/pom.xml). */
    private static final String APP = "certgate";
    private static final String MODULE = "ejb";

    private final AuthenticationContext authentication;
    private final InitialContext naming;

    private Server(AuthenticationContext authentication, InitialContext naming) {
        this.authentication = authentication;
        this.naming = naming;
    }

    /**
     * @param url      e.g. {@code remote+http://127.0.0.1:8080}
     * @param password copied; the caller may clear its array
     */
    static Server at(String url, String user, char[] password) throws NamingException {
        // PLAIN, as the server offers (wildfly-config remoting.cli: its realm keeps bcrypt hashes); Certgate.remoteUrl
        // allows it over plain HTTP only to this machine.
        AuthenticationConfiguration configuration = AuthenticationConfiguration.empty()
                .useName(user)
                .usePassword(Arrays.copyOf(password, password.length))
                .setSaslMechanismSelector(SaslMechanismSelector.NONE.addMechanism("PLAIN"));
        AuthenticationContext authentication = AuthenticationContext.empty().with(MatchRule.ALL, configuration);
        Properties environment = new Properties();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, "org.wildfly.naming.client.WildFlyInitialContextFactory");
        environment.put(Context.PROVIDER_URL, url);
        InitialContext naming = authentication.runFunction(Server::naming, environment);
        return new Server(authentication, naming);
    }

    /** The remote view of a certgate service; {@code bean} is its implementation's simple name. */
    <T> T service(Class<T> type, String bean) throws NamingException {
        Object proxy = naming.lookup("ejb:" + APP + "/" + MODULE + "/" + bean + "!" + type.getName());
        return type.cast(proxy);
    }

    /**
     * Runs {@code call} (calls on services) as this server's user. It throws what the call throws: a
     * {@link CertgateException}, or a failure of the connection or of the server (see {@link Failures}).
     */
    <T> T call(Callable<T> call) throws Exception {
        return authentication.runCallable(call);
    }

    /**
     * Whether the server says its database does not answer: {@code GET /certgate/api/v1/status} (no sign-in) on the
     * server's HTTP port answered 503. False when it answers otherwise or not at all within 5 s. Asked after a
     * refused sign-in only, since the server checks a sign-in against its database.
     */
    static boolean saysDatabaseIsAway(String url) {
        String web = url.replaceFirst("^(?i)remote\\+", "");
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(URI.create(web + "/certgate/api/v1/status"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 503;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        try {
            naming.close();
        } catch (NamingException ignored) {
            // the process ends right after
        }
    }

    private static InitialContext naming(Properties environment) {
        try {
            return new InitialContext(environment);
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        }
    }
}
