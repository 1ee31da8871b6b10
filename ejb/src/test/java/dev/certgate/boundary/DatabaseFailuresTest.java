package dev.certgate.boundary;

import dev.certgate.api.CertgateException;
import dev.certgate.api.DatabaseUnavailableException;
import jakarta.interceptor.InvocationContext;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.sql.SQLNonTransientConnectionException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatabaseFailuresTest {

    /** Two business methods: one of a service (declares CertgateException), one internal (declares nothing). */
    interface Calls {
        String service() throws CertgateException;

        String internal();
    }

    private static final RuntimeException AWAY = new IllegalStateException("jakarta.persistence.PersistenceException",
            new SQLNonTransientConnectionException("Socket fail to connect to host:127.0.0.1, port:3306"));

    @Test
    void aServiceCallThatFailedForTheDatabaseSaysSo() throws Exception {
        assertThrows(DatabaseUnavailableException.class,
                () -> new DatabaseFailures().sayTheDatabaseIsAway(call("service", () -> {
                    throw AWAY;
                })));
    }

    @Test
    void everythingElsePassesAsItWas() throws Exception {
        DatabaseFailures interceptor = new DatabaseFailures();
        // an internal method cannot throw a checked exception it does not declare: the failure stays as it was
        assertSame(AWAY, assertThrows(IllegalStateException.class,
                () -> interceptor.sayTheDatabaseIsAway(call("internal", () -> {
                    throw AWAY;
                }))));
        // an expected failure and a bug are not the database's
        CertgateException refused = new CertgateException("refused");
        assertSame(refused, assertThrows(CertgateException.class,
                () -> interceptor.sayTheDatabaseIsAway(call("service", () -> {
                    throw refused;
                }))));
        NullPointerException bug = new NullPointerException("a bug");
        assertSame(bug, assertThrows(NullPointerException.class,
                () -> interceptor.sayTheDatabaseIsAway(call("service", () -> {
                    throw bug;
                }))));
        assertEquals("done", interceptor.sayTheDatabaseIsAway(call("service", () -> "done")));
    }

    private static InvocationContext call(String method, Callable<Object> body) throws NoSuchMethodException {
        Method m = Calls.class.getMethod(method);
        Map<String, Object> data = new HashMap<>();
        return new InvocationContext() {
            @Override
            public Object getTarget() {
                return null;
            }

            @Override
            public Object getTimer() {
                return null;
            }

            @Override
            public Method getMethod() {
                return m;
            }

            @Override
            public Constructor<?> getConstructor() {
                return null;
            }

            @Override
            public Object[] getParameters() {
                return new Object[0];
            }

            @Override
            public void setParameters(Object[] params) {
            }

            @Override
            public Map<String, Object> getContextData() {
                return data;
            }

            @Override
            public Object proceed() throws Exception {
                return body.call();
            }
        };
    }
}
