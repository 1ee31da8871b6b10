package dev.certgate.client;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Secrets a command sends (a new password, an EAB HMAC key), from where a script or a person can give them without
 * the command line showing them to other users of the machine: standard input, a file, an environment variable, or
 * a prompt that does not echo.
 */
final class Secrets {

    /** Longer than any password or key a person types; a guard against reading a whole file by mistake. */
    private static final int MAX_LINE = 4096;

    private Secrets() {
    }

    /**
     * The first line of {@code in}, without its line end; nothing else is stripped (a password may start or end
     * with a space).
     *
     * @param what names the secret in the message when there is none
     */
    static char[] firstLine(InputStream in, String what) throws IOException, Failures.UsageException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() >= MAX_LINE) {
                throw new Failures.UsageException("The first line of standard input is too long for " + what + ".");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        char[] text = toChars(bytes, length);
        Arrays.fill(bytes, (byte) 0);
        if (text.length == 0) {
            throw new Failures.UsageException("Standard input holds no " + what + " (it is read from its first "
                    + "line).");
        }
        return text;
    }

    /** The first line of {@code file}, as {@link #firstLine(InputStream, String)}. */
    static char[] firstLine(Path file, String what) throws IOException, Failures.UsageException {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return firstLine(in, what);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new Failures.UsageException("There is no file " + file + ".");
        }
    }

    /**
     * Asks on the terminal without echo; {@code confirm} asks a second time and refuses a difference.
     *
     * @param how what to do instead when there is no terminal, for the message
     */
    static char[] ask(String prompt, boolean confirm, String how) throws Failures.UsageException {
        Console console = System.console();
        if (console == null) {
            throw new Failures.UsageException("No terminal to ask for the " + prompt + ": " + how + ".");
        }
        char[] first = console.readPassword("%s: ", prompt);
        if (first == null || first.length == 0) {
            throw new Failures.UsageException("No " + prompt + " given.");
        }
        if (confirm) {
            char[] again = console.readPassword("%s (again): ", prompt);
            boolean same = Arrays.equals(first, again);
            if (again != null) {
                Arrays.fill(again, '\0');
            }
            if (!same) {
                Arrays.fill(first, '\0');
                throw new Failures.UsageException("The two " + prompt + "s differ; nothing was changed.");
            }
        }
        return first;
    }

    private static char[] toChars(byte[] bytes, int length) {
        CharBuffer chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes, 0, length));
        char[] text = new char[chars.remaining()];
        chars.get(text);
        if (chars.hasArray()) {
            Arrays.fill(chars.array(), '\0');
        }
        return text;
    }
}
