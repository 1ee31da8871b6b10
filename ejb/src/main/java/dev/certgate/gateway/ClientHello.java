package dev.certgate.gateway;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the gateway needs to know of a TLS ClientHello before JSSE sees it: the SNI host name and the offered ALPN
 * protocols (RFC 8446 §4.1.2, RFC 6066 §3, RFC 7301 §3.1). JSSE chooses the certificate before it chooses the
 * application protocol and tells its key manager nothing of the client's ALPN offer, so the gateway reads the first
 * record itself to recognise ACME TLS-ALPN-01 validation handshakes.
 *
 * @param serverName the SNI host name, or null when none was sent
 * @param protocols  the ALPN protocols offered, in the client's order; empty when none
 */
record ClientHello(String serverName, List<String> protocols) {

    private static final int HANDSHAKE = 22;
    private static final int CLIENT_HELLO = 1;
    private static final int SERVER_NAME = 0;
    private static final int ALPN = 16;

    ClientHello {
        protocols = List.copyOf(protocols);
    }

    /** Whether this is an ACME TLS-ALPN-01 validation: {@code acme-tls/1} as the only protocol, for a named host. */
    boolean isAcmeValidation() {
        return serverName != null && protocols.size() == 1 && dev.certgate.core.pki.TlsAlpnCertificate.ALPN_PROTOCOL
                .equals(protocols.get(0));
    }

    /** The answer for bytes that are not (or not wholly, in one record) a ClientHello. */
    static final ClientHello NONE = new ClientHello(null, List.of());

    /**
     * Reads the ClientHello at the buffer's position without moving it.
     *
     * @return the ClientHello; {@link #NONE} when the bytes are not a ClientHello in one TLS record (JSSE will deal
     *         with them); empty while the first record is incomplete (wait for more bytes)
     */
    static Optional<ClientHello> peek(ByteBuffer buffer) {
        ByteBuffer in = buffer.duplicate();
        if (in.remaining() < 5) {
            return Optional.empty();
        }
        if (u8(in) != HANDSHAKE) {
            return Optional.of(NONE);
        }
        in.position(in.position() + 2); // legacy record version
        int recordLength = u16(in);
        if (in.remaining() < recordLength) {
            return Optional.empty();
        }
        ByteBuffer record = in.slice();
        record.limit(recordLength);
        try {
            return Optional.of(parseHandshake(record));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return Optional.of(NONE); // malformed or split over records: JSSE answers it as usual
        }
    }

    private static ClientHello parseHandshake(ByteBuffer in) {
        if (u8(in) != CLIENT_HELLO) {
            return NONE;
        }
        int length = u24(in);
        if (length > in.remaining()) {
            return NONE; // continued in the next record: only a huge ClientHello does that, never an ACME CA's
        }
        in.limit(in.position() + length);
        skip(in, 2 + 32); // legacy version, random
        skip(in, u8(in)); // legacy session id
        skip(in, u16(in)); // cipher suites
        skip(in, u8(in)); // legacy compression methods
        if (!in.hasRemaining()) {
            return NONE;
        }
        int extensionsEnd = u16(in) + in.position();
        String serverName = null;
        List<String> protocols = List.of();
        while (in.position() < extensionsEnd) {
            int type = u16(in);
            int extensionLength = u16(in);
            ByteBuffer extension = in.slice();
            extension.limit(extensionLength);
            skip(in, extensionLength);
            if (type == SERVER_NAME) {
                serverName = hostName(extension);
            } else if (type == ALPN) {
                protocols = protocols(extension);
            }
        }
        return new ClientHello(serverName, protocols);
    }

    private static String hostName(ByteBuffer in) {
        int end = u16(in) + in.position();
        while (in.position() < end) {
            int nameType = u8(in);
            byte[] name = new byte[u16(in)];
            in.get(name);
            if (nameType == 0) {
                return new String(name, StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    private static List<String> protocols(ByteBuffer in) {
        int end = u16(in) + in.position();
        List<String> protocols = new ArrayList<>();
        while (in.position() < end) {
            byte[] protocol = new byte[u8(in)];
            in.get(protocol);
            protocols.add(new String(protocol, StandardCharsets.US_ASCII));
        }
        return protocols;
    }

    private static void skip(ByteBuffer in, int count) {
        if (count > in.remaining()) {
            throw new BufferUnderflowException();
        }
        in.position(in.position() + count);
    }

    private static int u8(ByteBuffer in) {
        return in.get() & 0xFF;
    }

    private static int u16(ByteBuffer in) {
        return in.getShort() & 0xFFFF;
    }

    private static int u24(ByteBuffer in) {
        return (u8(in) << 16) | u16(in);
    }
}
