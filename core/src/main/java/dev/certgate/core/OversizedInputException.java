package dev.certgate.core;

/** An input larger than the core takes for it, refused before it is parsed. */
public class OversizedInputException extends BadInputException {

    private static final long serialVersionUID = 1L;

    private final String what;
    private final long size;
    private final long limit;

    /**
     * @param field the input at fault, as named in the API
     * @param what  the input as the user knows it, for example {@code "certificate chain"} or {@code "PKCS#12 file"}
     * @param size  its size in bytes (characters, for text)
     * @param limit the most the core takes for it
     */
    public OversizedInputException(String field, String what, long size, long limit) {
        super(field, "The " + what + " is too large (" + size + " bytes; the limit is " + limit + ").");
        this.what = what;
        this.size = size;
        this.limit = limit;
    }

    /** The input as the user knows it ("certificate chain", "PKCS#12 file", ...). */
    public String what() {
        return what;
    }

    /** The size of the refused input, in bytes (characters, for text). */
    public long size() {
        return size;
    }

    /** The limit it exceeded, in bytes (characters, for text). */
    public long limit() {
        return limit;
    }
}
