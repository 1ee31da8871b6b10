package dev.certgate.api;

/**
 * The certificate's key is one the gateway refuses to serve: an RSA key under 2048 bits (too weak) or over 8192
 * bits (too slow for every handshake), or an EC key on a curve other than P-256, P-384 and P-521 (browsers do not
 * accept it). The certificate has to be issued again for another key.
 */
public class WeakKeyException extends CertgateException {

    private static final long serialVersionUID = 1L;

    private final String algorithm;
    private final int bits;
    private final String curve;

    private WeakKeyException(String algorithm, int bits, String curve, String message) {
        super(ErrorCategory.UNACCEPTABLE, message);
        this.algorithm = algorithm;
        this.bits = bits;
        this.curve = curve;
    }

    /** An RSA key under the minimum size. */
    public static WeakKeyException rsaTooSmall(String commonName, int bits, int minimumBits) {
        return new WeakKeyException("RSA", bits, null, "The certificate for " + commonName + " has an RSA key of "
                + bits + " bits, which is too weak. Create a key of at least " + minimumBits
                + " bits and have the certificate issued again for it.");
    }

    /** An RSA key over the maximum size. */
    public static WeakKeyException rsaTooLarge(String commonName, int bits, int maximumBits) {
        return new WeakKeyException("RSA", bits, null, "The certificate for " + commonName + " has an RSA key of "
                + bits + " bits, more than the " + maximumBits + " bits the gateway takes (larger keys slow down "
                + "every handshake). Create a key of 2048 to " + maximumBits
                + " bits and have the certificate issued again for it.");
    }

    /**
     * An EC key on a curve the gateway does not serve.
     *
     * @param curve the curve's name, or its OID, or {@code "explicit parameters"} when the key names no curve
     */
    public static WeakKeyException unsupportedCurve(String commonName, String curve, int bits) {
        return new WeakKeyException("EC", bits, curve, "The certificate for " + commonName + " has an EC key on the "
                + "curve " + curve + ", which browsers do not accept. Create a key on P-256, P-384 or P-521 and "
                + "have the certificate issued again for it.");
    }

    /** "RSA" or "EC". */
    public String algorithm() {
        return algorithm;
    }

    /** The key size in bits (the curve's field size for EC). */
    public int bits() {
        return bits;
    }

    /** The EC curve's name; null for an RSA key. */
    public String curve() {
        return curve;
    }
}
