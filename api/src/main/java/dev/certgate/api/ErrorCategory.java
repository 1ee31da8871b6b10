package dev.certgate.api;

/**
 * What kind of failure a {@link CertgateException} is, so that each surface turns it into its own outcome in one
 * place: the REST API into a status code ({@code CertgateExceptionMapper}), the command-line client into an exit code
 * ({@code Failures}), the admin pages into a message ({@code PageActions}).
 *
 * <table>
 * <caption>The category of each failure, and what each surface makes of it</caption>
 * <tr><th>category</th><th>REST</th><th>CLI exit</th><th>page</th><th>thrown as</th></tr>
 * <tr><td>{@link #INVALID_INPUT}</td><td>400 (413 when too large)</td><td>2</td><td>the message</td>
 *     <td>{@code InvalidInputException} and its subclasses (wrong passphrase, too large), {@code
 *     WrongPasswordException}</td></tr>
 * <tr><td>{@link #UNACCEPTABLE}</td><td>422</td><td>2</td><td>the message</td>
 *     <td>{@code KeyMismatchException}, {@code CertificateExpiredException}, {@code WeakKeyException}, an {@code
 *     AcmeCaException} for what the CA refused, a refused rotation, no ACME account, the local CA's root out of
 *     date</td></tr>
 * <tr><td>{@link #NOT_FOUND}</td><td>404</td><td>3</td><td>the message</td>
 *     <td>{@code CertificateNotFoundException}, {@code ApplicationNotFoundException}, {@code UserNotFoundException},
 *     {@code AcmeDomainNotFoundException}</td></tr>
 * <tr><td>{@link #CONFLICT}</td><td>409</td><td>4</td><td>the message</td>
 *     <td>{@code CertificateInUseException}, {@code DuplicateCertificateException}, {@code
 *     ConcurrentChangeException}, {@code DomainInUseException}, {@code DuplicateUserException}, {@code
 *     LastAdminException}</td></tr>
 * <tr><td>{@link #AUTHENTICATION}</td><td>401</td><td>5</td><td>the sign-in page</td>
 *     <td>no exception of this API: the container refuses the credentials</td></tr>
 * <tr><td>{@link #REFUSED}</td><td>403</td><td>6</td><td>"your role does not allow this"</td>
 *     <td>no exception of this API: the container's {@code EJBAccessException}</td></tr>
 * <tr><td>{@link #UNAVAILABLE}</td><td>503</td><td>8</td><td>the message</td>
 *     <td>an {@code AcmeCaException} for a CA that cannot be reached, the instance key being rotated, private keys
 *     that cannot be opened (no instance key)</td></tr>
 * </table>
 *
 * <p>Two choices this table makes: a key that does not match its certificate is input that is well-formed but
 * refused by a rule, hence 422 and, for the command line, "bad input" (exit 2) as every refused input; a wrong current
 * password when changing one's own password is bad input in a form the user is already signed in to, not a failed
 * sign-in (400, exit 2). A CA that cannot be reached is no fault of the request: 503, try again later.
 */
public enum ErrorCategory {

    /** An input cannot be used as it is: empty, malformed, out of range, too large. */
    INVALID_INPUT,
    /** Well-formed, but a rule or the current state refuses it: a key that does not match, an expired certificate. */
    UNACCEPTABLE,
    /** Nothing has the id or name given. */
    NOT_FOUND,
    /** It clashes with what is stored: in use, a duplicate, changed meanwhile, the last admin. */
    CONFLICT,
    /** No credentials, or wrong ones. */
    AUTHENTICATION,
    /** Signed in, but the caller's role does not allow it. */
    REFUSED,
    /** Something the server needs cannot be reached or used now (the ACME CA, the instance key): try again later. */
    UNAVAILABLE
}
