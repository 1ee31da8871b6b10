package dev.certgate.api;

/**
 * An upload or pasted text is larger than certgate takes for that input; it was refused before being parsed.
 * Certificates, chains and keys take a few KiB, so this usually means the wrong file was chosen.
 */
public class InputTooLargeException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    private final long size;
    private final long limitBytes;

    /**
     * @param field      the input at fault, as named in the API
     * @param what       the input as the user knows it, for example {@code "certificate chain"} or
     *                   {@code "PKCS#12 file"}
     * @param size       its size in bytes (characters, for text)
     * @param limitBytes the most certgate takes for it
     */
    public InputTooLargeException(String field, String what, long size, long limitBytes) {
        super(field, "The " + what + " is too large (" + kib(size) + "); the limit is " + kib(limitBytes)
                + ". A certificate with its chain and key takes a few KiB: check that you chose the right file.");
        this.size = size;
        this.limitBytes = limitBytes;
    }

    /** The size of the refused input, in bytes (characters, for text). */
    public long size() {
        return size;
    }

    /** The limit it exceeded, in bytes (characters, for text). */
    public long limitBytes() {
        return limitBytes;
    }

    private static String kib(long bytes) {
        return ((bytes + 1023) / 1024) + " KiB";
    }
}
