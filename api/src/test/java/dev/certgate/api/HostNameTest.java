package dev.certgate.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostNameTest {

    @Test
    void aHostIsCoveredByItselfAndByTheWildcardOneLabelUp() {
        assertEquals(List.of("www.example.com", "*.example.com"), HostName.coveringNames("www.example.com"));
        assertTrue(HostName.covers(List.of("*.example.com"), "api.example.com"));
        assertTrue(HostName.covers(List.of("api.example.com"), "api.example.com"));
    }

    @Test
    void aWildcardReachesOneLabelOnly() {
        assertFalse(HostName.covers(List.of("*.example.com"), "a.b.example.com"));
        assertFalse(HostName.covers(List.of("*.example.com"), "example.com"));
    }

    @Test
    void aWildcardHostIsCoveredByThatWildcardOnly() {
        assertEquals(List.of("*.example.com"), HostName.coveringNames("*.example.com"));
        assertFalse(HostName.covers(List.of("www.example.com"), "*.example.com"));
        assertTrue(HostName.covers(List.of("*.example.com"), "*.example.com"));
    }

    @Test
    void aSingleLabelHasNoWildcardAbove() {
        assertEquals(List.of("localhost"), HostName.coveringNames("localhost"));
    }
}
