package dev.certgate.core.pki;

import dev.certgate.core.CoreException;

import java.util.Objects;

/** The leaf's key is of a size or curve the gateway does not serve. */
public class WeakLeafKeyException extends CoreException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the key. */
    public enum Reason {
        /** An RSA key under {@link #limitBits()}. */
        RSA_TOO_SMALL,
        /** An RSA key over {@link #limitBits()} (larger keys slow down every handshake). */
        RSA_TOO_LARGE,
        /** An EC key on a curve browsers do not accept (see {@link #curve()}). */
        UNSUPPORTED_CURVE
    }

    private final Reason reason;
    private final String commonName;
    private final int bits;
    private final int limitBits;
    private final String curve;

    private WeakLeafKeyException(Reason reason, String commonName, int bits, int limitBits, String curve) {
        super("The certificate for " + commonName + " has a key the gateway does not serve (" + reason + ", "
                + bits + " bits" + (curve == null ? "" : ", curve " + curve) + ").");
        this.reason = reason;
        this.commonName = Objects.requireNonNull(commonName, "commonName");
        this.bits = bits;
        this.limitBits = limitBits;
        this.curve = curve;
    }

    static WeakLeafKeyException rsaTooSmall(String commonName, int bits, int minimumBits) {
        return new WeakLeafKeyException(Reason.RSA_TOO_SMALL, commonName, bits, minimumBits, null);
    }

    static WeakLeafKeyException rsaTooLarge(String commonName, int bits, int maximumBits) {
        return new WeakLeafKeyException(Reason.RSA_TOO_LARGE, commonName, bits, maximumBits, null);
    }

    /** @param curve the curve's name, or its OID, or "given by explicit parameters" */
    static WeakLeafKeyException unsupportedCurve(String commonName, String curve, int bits) {
        return new WeakLeafKeyException(Reason.UNSUPPORTED_CURVE, commonName, bits, 0,
                Objects.requireNonNull(curve, "curve"));
    }

    public Reason reason() {
        return reason;
    }

    public String commonName() {
        return commonName;
    }

    /** The key size in bits (the curve's field size for EC). */
    public int bits() {
        return bits;
    }

    /** The RSA minimum or maximum the key is outside of; 0 for {@link Reason#UNSUPPORTED_CURVE}. */
    public int limitBits() {
        return limitBits;
    }

    /** The EC curve's name; null for an RSA key. */
    public String curve() {
        return curve;
    }
}
