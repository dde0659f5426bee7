package io.argus.storage.crypto;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Where wrapped data keys are kept: the metadata database ({@code JdbcDataKeyStore} in argus-metadata). */
public interface DataKeyStore {

    Optional<DataKeyRecord> find(UUID id);

    /** The tenant's active key, if it has one. */
    Optional<DataKeyRecord> active(UUID tenant);

    List<DataKeyRecord> all();

    /** Adds a key as the tenant's active one; the tenant's other keys become inactive in the same transaction. */
    void addActive(DataKeyRecord key);

    /**
     * Replaces the wrapped form of every key in {@code wrapped} (by id) and their master key id, all or none (one
     * transaction): a master key rotation never leaves some keys under the old key and some under the new.
     */
    void rewrap(Map<UUID, byte[]> wrapped, String masterKeyId);
}
