package dev.certgate.api;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseUnavailableExceptionTest {

    @Test
    void aConnectionFailureAnywhereInTheChainIsTheDatabaseBeingAway() {
        // what MariaDB's driver throws for a stopped server, wrapped as the persistence layer and the container do
        Exception stopped = new IllegalStateException("jakarta.persistence.PersistenceException",
                new RuntimeException("org.hibernate.exception.JDBCConnectionException",
                        new SQLNonTransientConnectionException("Socket fail to connect to host:127.0.0.1, port:3306")));
        assertTrue(DatabaseUnavailableException.isCause(stopped));
        // an account the server refuses (MariaDB: "Access denied", state 28000), and SQL state class 08
        assertTrue(DatabaseUnavailableException.isCause(new RuntimeException(
                new SQLException("Access denied for user 'certgate'@'localhost'. Account is locked.", "28000", 4151))));
        assertTrue(DatabaseUnavailableException.isCause(new SQLException("Communications link failure", "08S01")));
        // the connection pool giving up
        assertTrue(DatabaseUnavailableException.isCause(new RuntimeException(new IllegalStateException(
                "IJ000453: Unable to get managed connection for java:jboss/datasources/CertgateDS"))));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(DatabaseUnavailableException.isCause(new RuntimeException("a bug", new NullPointerException())));
        assertFalse(DatabaseUnavailableException.isCause(
                new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062)));
        assertFalse(DatabaseUnavailableException.isCause(new SQLException("no state")));
        assertFalse(DatabaseUnavailableException.isCause(null));
    }

    @Test
    void itIsAnUnavailableFailureWithAMessageForTheUser() {
        DatabaseUnavailableException e = new DatabaseUnavailableException();
        assertEquals(ErrorCategory.UNAVAILABLE, e.category());
        assertTrue(e.getMessage().contains("database does not answer"));
        assertTrue(DatabaseUnavailableException.isCause(new RuntimeException(e)));
    }
}
