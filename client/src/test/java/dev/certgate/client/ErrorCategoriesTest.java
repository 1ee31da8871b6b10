package dev.certgate.client;

import dev.certgate.api.AcmeCaException;
import dev.certgate.api.CertgateException;
import dev.certgate.api.ErrorCategory;
import dev.certgate.api.InputTooLargeException;
import dev.certgate.api.KeyMismatchException;
import dev.certgate.api.WrongPasswordException;
import dev.certgate.web.PageActions;
import dev.certgate.web.rest.CertgateExceptionMapper;
import jakarta.faces.application.FacesMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@link CertgateException} of the api, found by scanning its package, comes out the same way on the three
 * surfaces: the REST status, the command line's exit code and the page's message all follow its
 * {@link ErrorCategory}, as the table in that enum's javadoc says.
 */
class ErrorCategoriesTest {

    /** The table of ErrorCategory's javadoc: REST status and exit code of each category. */
    private static final Map<ErrorCategory, int[]> TABLE = new EnumMap<>(Map.of(
            ErrorCategory.INVALID_INPUT, new int[] {400, ExitCodes.BAD_INPUT},
            ErrorCategory.UNACCEPTABLE, new int[] {422, ExitCodes.BAD_INPUT},
            ErrorCategory.NOT_FOUND, new int[] {404, ExitCodes.NOT_FOUND},
            ErrorCategory.CONFLICT, new int[] {409, ExitCodes.CONFLICT},
            ErrorCategory.AUTHENTICATION, new int[] {401, ExitCodes.AUTHENTICATION},
            ErrorCategory.REFUSED, new int[] {403, ExitCodes.FORBIDDEN},
            ErrorCategory.UNAVAILABLE, new int[] {503, ExitCodes.UNAVAILABLE}));

    @Test
    void eachCategoryHasOneOutcomeOnEachSurface() {
        assertEquals(ErrorCategory.values().length, TABLE.size());
        for (ErrorCategory category : ErrorCategory.values()) {
            assertEquals(TABLE.get(category)[0], CertgateExceptionMapper.status(category), category + ": REST");
            assertEquals(TABLE.get(category)[1], Failures.exitCode(category), category + ": CLI");
            PageActions.Shown shown = PageActions.shown(category, "The message.", "Your role does not allow this.");
            assertEquals(FacesMessage.SEVERITY_ERROR, shown.severity(), category + ": page");
        }
    }

    @Test
    void everyExceptionOfTheApiMapsTheSameWayInRestCliAndPages() throws Exception {
        List<Class<? extends CertgateException>> types = exceptionTypes();
        assertTrue(types.size() >= 18, "found by the scan: " + types);
        assertTrue(types.contains(CertgateException.class) && types.contains(KeyMismatchException.class), types
                .toString());
        for (Class<? extends CertgateException> type : types) {
            for (CertgateException e : instances(type)) {
                ErrorCategory category = e.category();
                String what = type.getSimpleName() + " (" + category + ")";
                int rest = CertgateExceptionMapper.status(e);
                int expectedRest = e instanceof InputTooLargeException ? 413 : TABLE.get(category)[0];
                assertEquals(expectedRest, rest, what + ": REST status");
                assertTrue(rest / 100 == TABLE.get(category)[0] / 100, what);
                Failures.Outcome cli = Failures.classify(e);
                assertEquals(TABLE.get(category)[1], cli.exitCode(), what + ": exit code");
                assertEquals(e.getMessage(), cli.message(), what + ": the CLI prints the service's message");
                PageActions.Shown page = PageActions.shown(category, e.getMessage(), "refusal");
                assertEquals(e.getMessage(), page.text(), what + ": the page shows the service's message");
                assertFalse(category == ErrorCategory.REFUSED || category == ErrorCategory.AUTHENTICATION,
                        what + ": those come from the container, never as a CertgateException");
            }
        }
    }

    @Test
    void theDisagreementsOfIssue18AreDecided() {
        var mismatch = new KeyMismatchException("a.test");
        assertEquals(422, CertgateExceptionMapper.status(mismatch));
        assertEquals(ExitCodes.BAD_INPUT, Failures.classify(mismatch).exitCode());
        var wrongPassword = new WrongPasswordException();
        assertEquals(400, CertgateExceptionMapper.status(wrongPassword));
        assertEquals(ExitCodes.BAD_INPUT, Failures.classify(wrongPassword).exitCode());
        var unreachable = new AcmeCaException(ErrorCategory.UNAVAILABLE, "The CA cannot be reached.", null);
        assertEquals(503, CertgateExceptionMapper.status(unreachable));
        assertEquals(ExitCodes.UNAVAILABLE, Failures.classify(unreachable).exitCode());
        assertEquals(422, CertgateExceptionMapper.status(new AcmeCaException("The CA refused the account.")));
    }

    /** The concrete subclasses of CertgateException in the api's package, and CertgateException itself. */
    private static List<Class<? extends CertgateException>> exceptionTypes() throws IOException,
            URISyntaxException, ClassNotFoundException {
        Path location = Path.of(CertgateException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String folder = CertgateException.class.getPackageName().replace('.', '/') + "/";
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.list(location.resolve(folder))) {
                files.map(f -> f.getFileName().toString()).forEach(names::add);
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    String name = entries.nextElement().getName();
                    if (name.startsWith(folder) && name.indexOf('/', folder.length()) < 0) {
                        names.add(name.substring(folder.length()));
                    }
                }
            }
        }
        List<Class<? extends CertgateException>> types = new ArrayList<>();
        for (String name : names) {
            if (!name.endsWith(".class")) {
                continue;
            }
            Class<?> type = Class.forName(CertgateException.class.getPackageName() + "."
                    + name.substring(0, name.length() - ".class".length()));
            if (CertgateException.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
                types.add(type.asSubclass(CertgateException.class));
            }
        }
        return types;
    }

    /** One instance by each constructor (private ones too: factories use them), with plain arguments; every category. */
    private static List<CertgateException> instances(Class<? extends CertgateException> type) throws Exception {
        List<CertgateException> made = new ArrayList<>();
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            constructor.setAccessible(true);
            Class<?>[] parameters = constructor.getParameterTypes();
            boolean takesCategory = List.of(parameters).contains(ErrorCategory.class);
            for (ErrorCategory category : takesCategory ? ErrorCategory.values() : new ErrorCategory[] {null}) {
                if (category == ErrorCategory.REFUSED || category == ErrorCategory.AUTHENTICATION) {
                    continue; // not a category this API throws (see ErrorCategory)
                }
                Object[] arguments = new Object[parameters.length];
                for (int i = 0; i < parameters.length; i++) {
                    arguments[i] = argument(parameters[i], category);
                }
                made.add((CertgateException) constructor.newInstance(arguments));
            }
        }
        assertFalse(made.isEmpty(), type + " has a constructor");
        return made;
    }

    private static Object argument(Class<?> type, ErrorCategory category) {
        if (type == String.class) {
            return "a.test";
        } else if (type == ErrorCategory.class) {
            return category;
        } else if (type == Throwable.class || type == Exception.class) {
            return new IllegalStateException("cause");
        } else if (type == List.class) {
            return List.of("a.test");
        } else if (type == Instant.class) {
            return Instant.parse("2026-01-01T00:00:00Z");
        } else if (type == Duration.class) {
            return Duration.ofMinutes(1);
        } else if (type == long.class) {
            return 2_000_000L;
        } else if (type == int.class) {
            return 2048;
        }
        throw new IllegalArgumentException("no plain argument of " + type + ": extend this test");
    }
}
