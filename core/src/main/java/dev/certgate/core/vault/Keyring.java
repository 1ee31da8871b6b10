package dev.certgate.core.vault;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The key-encryption keys a node holds, by id, in the order of its keyring file. Immutable: adding or removing a key
 * gives a new keyring. Which of them seals is not the keyring's business: the database records the active key, so
 * that every node agrees on it.
 */
public final class Keyring {

    private static final Keyring EMPTY = new Keyring(List.of());

    private final Map<String, InstanceKey> keys = new LinkedHashMap<>();

    private Keyring(Collection<InstanceKey> keys) {
        for (InstanceKey key : keys) {
            this.keys.putIfAbsent(Objects.requireNonNull(key, "key").id(), key);
        }
    }

    /** No key at all. */
    public static Keyring empty() {
        return EMPTY;
    }

    /** The keys given, in that order; a key given twice is kept once. */
    public static Keyring of(Collection<InstanceKey> keys) {
        return new Keyring(keys);
    }

    /** The key with this id, if held. */
    public Optional<InstanceKey> get(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    /** Whether the key with this id is held. */
    public boolean holds(String id) {
        return keys.containsKey(id);
    }

    /** The ids held, in keyring order (never a key). */
    public List<String> ids() {
        return List.copyOf(keys.keySet());
    }

    /** The keys, in keyring order. */
    public List<InstanceKey> keys() {
        return List.copyOf(keys.values());
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    public int size() {
        return keys.size();
    }

    /** This keyring and {@code key} (at the end; unchanged when it is held already). */
    public Keyring with(InstanceKey key) {
        List<InstanceKey> all = new ArrayList<>(keys.values());
        all.add(key);
        return new Keyring(all);
    }

    /** This keyring and every key of {@code other} it does not hold yet. */
    public Keyring with(Keyring other) {
        List<InstanceKey> all = new ArrayList<>(keys.values());
        all.addAll(other.keys.values());
        return new Keyring(all);
    }

    /** This keyring without the key {@code id}. */
    public Keyring without(String id) {
        List<InstanceKey> rest = new ArrayList<>(keys.values());
        rest.removeIf(key -> key.id().equals(id));
        return new Keyring(rest);
    }

    @Override
    public String toString() {
        return "Keyring" + keys.keySet(); // ids only, never a key
    }
}
