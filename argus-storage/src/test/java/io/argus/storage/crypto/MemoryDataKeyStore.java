package io.argus.storage.crypto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Data keys in memory, for storage tests below argus-metadata (which holds the JDBC store and its own tests of
 * rotation over a real database).
 */
final class MemoryDataKeyStore implements DataKeyStore {
    private final Map<UUID, DataKeyRecord> keys = new LinkedHashMap<>();

    @Override
    public synchronized Optional<DataKeyRecord> find(UUID id) {
        return Optional.ofNullable(keys.get(id));
    }

    @Override
    public synchronized Optional<DataKeyRecord> active(UUID tenant) {
        return keys.values().stream().filter(k -> k.tenant().equals(tenant) && k.active()).findFirst();
    }

    @Override
    public synchronized List<DataKeyRecord> all() {
        return new ArrayList<>(keys.values());
    }

    @Override
    public synchronized void addActive(DataKeyRecord key) {
        keys.replaceAll((id, k) -> k.tenant().equals(key.tenant())
                ? new DataKeyRecord(k.id(), k.tenant(), k.wrapped(), k.masterKeyId(), k.created(), false) : k);
        keys.put(key.id(), key);
    }

    @Override
    public synchronized void rewrap(Map<UUID, byte[]> wrapped, String masterKeyId) {
        wrapped.forEach((id, w) -> {
            DataKeyRecord k = keys.get(id);
            keys.put(id, new DataKeyRecord(id, k.tenant(), w, masterKeyId, k.created(), k.active()));
        });
    }
}
