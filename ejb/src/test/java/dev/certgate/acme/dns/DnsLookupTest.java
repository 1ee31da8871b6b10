package dev.certgate.acme.dns;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DnsLookupTest {

    @Test
    void aFailedExchangeIsSaidInWordsNeverAsNull() {
        assertEquals("nothing listens there", DnsLookup.reason(new PortUnreachableException()));
        assertEquals("no answer in time", DnsLookup.reason(new SocketTimeoutException("Timed out while trying")));
        assertEquals("Connection reset", DnsLookup.reason(new IOException("Connection reset")));
        assertEquals("EOFException", DnsLookup.reason(new java.io.EOFException()));
    }
}
