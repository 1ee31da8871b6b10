package dev.certgate.core.pki;

import org.bouncycastle.asn1.ASN1Encodable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Subject and issuer strings that are not what their ASN.1 type promises (a UTF8String whose bytes are not UTF-8),
 * made readable: every byte that does not decode is shown as {@code \xHH}, the rest as it is. Never throws.
 */
final class DirectoryStrings {

    private DirectoryStrings() {
    }

    /** The value's content bytes as UTF-8, with each byte that is not UTF-8 escaped as {@code \xHH}. */
    static String escaped(ASN1Encodable value) {
        byte[] der;
        try {
            der = value.toASN1Primitive().getEncoded();
        } catch (IOException | RuntimeException e) {
            return "?";
        }
        return escapedUtf8(contents(der));
    }

    /** The contents octets of one DER TLV (tag, length, contents); the whole input when it is not one. */
    static byte[] contents(byte[] der) {
        if (der.length < 2) {
            return der;
        }
        int lengthByte = der[1] & 0xff;
        int offset = 2;
        if (lengthByte > 0x80) {
            offset += lengthByte & 0x7f;
        }
        if (offset > der.length) {
            return der;
        }
        byte[] out = new byte[der.length - offset];
        System.arraycopy(der, offset, out, 0, out.length);
        return out;
    }

    static String escapedUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length * 4 + 1);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isUnderflow()) {
                break;
            }
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    out.put(String.format("\\x%02X", in.get() & 0xff));
                }
            } else {
                break; // overflow cannot happen with four characters per byte
            }
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }
}
