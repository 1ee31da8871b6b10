package dev.certgate.core.vault;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyringRulesTest {

    private static KeyringRules.NodeKeys node(String name, List<String> held, List<String> sealing) {
        return new KeyringRules.NodeKeys(name, held, sealing);
    }

    @Test
    void aMissingFileIsCreatedOnlyWhenNothingIsSealed() {
        assertEquals(KeyringRules.StartAction.LOAD, KeyringRules.atStart(true, 5));
        assertEquals(KeyringRules.StartAction.CREATE, KeyringRules.atStart(false, 0));
        assertEquals(KeyringRules.StartAction.REFUSE, KeyringRules.atStart(false, 1));
        String message = KeyringRules.missingFileMessage("/data/certgate/instance.key", 3);
        assertTrue(message.contains("/data/certgate/instance.key") && message.contains("3 stored key(s)"), message);
    }

    @Test
    void activationNeedsEveryLiveNodeToHoldTheKey() {
        List<KeyringRules.NodeKeys> nodes = List.of(node("a", List.of("old", "new"), List.of("old")),
                node("b", List.of("old"), List.of("old")), node("c", List.of("old"), List.of("old")));
        String refusal = KeyringRules.activateRefusal("new", nodes).orElseThrow();
        assertTrue(refusal.contains("node(s) b, c") && refusal.contains("new"), refusal);
        assertFalse(refusal.contains(" a,"), refusal);
        assertTrue(KeyringRules.activateRefusal("old", nodes).isEmpty());
        assertTrue(KeyringRules.activateRefusal("new", List.of()).isEmpty(), "no live node: nothing to wait for");
    }

    @Test
    void retireNeedsNoRowAndNoNodeSealingUnderTheOldKey() {
        List<KeyringRules.NodeKeys> switched = List.of(node("a", List.of("old", "new"), List.of("new")));
        assertTrue(KeyringRules.retireRefusal("old", "new", 0, switched).isEmpty());
        assertTrue(KeyringRules.retireRefusal("new", "new", 0, switched).orElseThrow().contains("active key"));
        assertTrue(KeyringRules.retireRefusal("old", "new", 2, switched).orElseThrow()
                .contains("2 stored key(s)"));
        List<KeyringRules.NodeKeys> lagging = List.of(node("a", List.of("old", "new"), List.of("new")),
                node("b", List.of("old", "new"), List.of("new", "old")));
        String refusal = KeyringRules.retireRefusal("old", "new", 0, lagging).orElseThrow();
        assertTrue(refusal.contains("node(s) b") && !refusal.contains("a,"), refusal);
    }
}
