package dev.certgate.api;

/**
 * Stands in for the cause of a {@link CertgateException} whose class a remote client may not have (a Bouncy Castle
 * parsing exception, say): the cause's class name, message and stack trace, as a plain exception that any JVM
 * deserializes. Without it, an EJB remote client would get an unmarshalling error instead of the message meant for
 * its user. Causes of JDK classes are kept as they are.
 */
public final class RemoteCause extends Exception {

    private static final long serialVersionUID = 1L;

    private final String className;

    private RemoteCause(Throwable original, Throwable cause) {
        super(original.getMessage(), cause);
        this.className = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    /**
     * {@code cause} itself when it and its causes are JDK or certgate API classes, else a copy of the chain made of
     * {@code RemoteCause}s; null for null.
     */
    static Throwable portable(Throwable cause) {
        if (cause == null || portableChain(cause)) {
            return cause;
        }
        return copy(cause, 0);
    }

    /** The class name of the exception this stands for. */
    public String className() {
        return className;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? className : className + ": " + message;
    }

    private static boolean portableChain(Throwable cause) {
        int depth = 0;
        for (Throwable t = cause; t != null && depth < 32; t = t.getCause(), depth++) {
            String name = t.getClass().getName();
            boolean portable = name.startsWith("java.") || name.startsWith("javax.")
                    || t.getClass().getPackageName().equals(RemoteCause.class.getPackageName());
            if (!portable || t.getCause() == t) {
                return false;
            }
        }
        return depth < 32;
    }

    private static Throwable copy(Throwable original, int depth) {
        Throwable next = original.getCause();
        Throwable copiedCause = next == null || next == original || depth >= 31 ? null : copy(next, depth + 1);
        return new RemoteCause(original, copiedCause);
    }
}
