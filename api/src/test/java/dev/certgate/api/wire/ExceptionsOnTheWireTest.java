package dev.certgate.api.wire;

import dev.certgate.api.CertificateInUseException;
import dev.certgate.api.DomainInUseException;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.RemoteCause;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * What an EJB remote client receives: the exceptions of the API must deserialize on a JVM that has only the api
 * module (and the JDK), with the data a caller needs.
 */
class ExceptionsOnTheWireTest {

    /** Stands for a server-side library exception (Bouncy Castle's PKCSException, say). */
    static final class LibraryException extends Exception {
        private static final long serialVersionUID = 1L;

        LibraryException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Test
    void aCauseOfALibraryClassTravelsAsARemoteCause() throws Exception {
        var library = new LibraryException("pad block corrupted", new IllegalStateException("inner"));
        var refused = new InvalidInputException("passphrase", "The passphrase does not open the private key.", library);

        InvalidInputException received = clientReads(refused);

        assertEquals("The passphrase does not open the private key.", received.getMessage());
        assertEquals("passphrase", received.field());
        RemoteCause cause = assertInstanceOf(RemoteCause.class, received.getCause());
        assertEquals(LibraryException.class.getName(), cause.className());
        assertEquals("pad block corrupted", cause.getMessage());
        assertEquals(library.getStackTrace()[0], cause.getStackTrace()[0]);
        RemoteCause inner = assertInstanceOf(RemoteCause.class, cause.getCause());
        assertEquals("java.lang.IllegalStateException: inner", inner.toString());
    }

    @Test
    void aCauseOfAJdkClassIsKept() {
        var jdk = new IllegalArgumentException("bad base64");
        assertSame(jdk, new InvalidInputException("pkcs12", "Not base64.", jdk).getCause());
        assertNull(new InvalidInputException("pkcs12", "Not base64.").getCause());
    }

    @Test
    void conflictsCarryWhatTheCallerNeeds() throws Exception {
        CertificateInUseException inUse = clientReads(new CertificateInUseException("a.test", List.of("a.test", "b.test")));
        assertEquals(List.of("a.test", "b.test"), inUse.usedBy());

        DomainInUseException domain = clientReads(new DomainInUseException("a.test", "shop"));
        assertEquals("a.test", domain.domain());
        assertEquals("shop", domain.application());
    }

    /** Serializes, then deserializes refusing any class outside the JDK and the api package, as a bare client would. */
    @SuppressWarnings("unchecked")
    private static <T> T clientReads(T thrown) throws IOException, ClassNotFoundException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(thrown);
        }
        try (InputStream in = new ByteArrayInputStream(bytes.toByteArray());
             var objects = new ObjectInputStream(in) {
                 @Override
                 protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                     String name = desc.getName();
                     if (!name.startsWith("java.") && !name.startsWith("[") && !name.startsWith("dev.certgate.api.")
                             || name.startsWith("dev.certgate.api.wire.")) {
                         throw new ClassNotFoundException(name + " is not on a client's class path");
                     }
                     return super.resolveClass(desc);
                 }
             }) {
            return (T) objects.readObject();
        }
    }
}
