package io.argus.storage.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key hierarchy of a node: the master key, the tenants' data keys it wraps (kept wrapped in a
 * {@link DataKeyStore}), and a cache of unwrapped ones. A tenant's first data key is made when it first needs one.
 *
 * <p>Rotating the master key re-wraps the data keys and touches no video or secret; rotating a tenant's data key
 * makes a new active key for what is encrypted from then on, and the old one stays to decrypt what it encrypted.
 */
public final class KeyRing {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] WRAP_CONTEXT = "argus data key v1".getBytes(StandardCharsets.US_ASCII);

    private final DataKeyStore store;
    private final Clock clock;
    private final Map<String, KeyEncryptionKey> masters = new ConcurrentHashMap<>();
    private final Map<UUID, DataKey> cache = new ConcurrentHashMap<>();
    private volatile KeyEncryptionKey master;

    /**
     * @param master the key that wraps new data keys
     * @param others further master keys that may have wrapped stored keys (the next key while a rotation that
     *               was cut short is finished)
     */
    public KeyRing(DataKeyStore store, KeyEncryptionKey master, List<KeyEncryptionKey> others, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.master = master;
        masters.put(master.id(), master);
        for (KeyEncryptionKey k : others) {
            masters.putIfAbsent(k.id(), k);
        }
    }

    public String masterKeyId() {
        return master.id();
    }

    /** The tenant's active data key, made and stored if it has none yet. */
    public DataKey active(UUID tenant) {
        var stored = store.active(tenant);
        if (stored.isPresent()) {
            return key(stored.get().id());
        }
        synchronized (this) {
            stored = store.active(tenant);
            return stored.isPresent() ? key(stored.get().id()) : newKey(tenant);
        }
    }

    /** Makes a new active data key for the tenant; its older keys stay for reading. */
    public synchronized DataKey rotateData(UUID tenant) {
        return newKey(tenant);
    }

    private DataKey newKey(UUID tenant) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        UUID id = UUID.randomUUID();
        KeyEncryptionKey m = master;
        try {
            store.addActive(new DataKeyRecord(id, tenant, m.wrap(raw, aad(id, tenant)), m.id(), clock.instant(),
                    true));
        } catch (GeneralSecurityException e) {
            throw new KeyUnavailableException("cannot wrap a new data key with master key " + m.id(), e);
        }
        DataKey k = new DataKey(id, tenant, new SecretKeySpec(raw, "AES"));
        cache.put(id, k);
        return k;
    }

    /**
     * A data key by id.
     *
     * @throws KeyUnavailableException if there is no such key or this node's master keys cannot unwrap it
     */
    public DataKey key(UUID id) {
        DataKey k = cache.get(id);
        if (k != null) {
            return k;
        }
        DataKeyRecord r = store.find(id).orElseThrow(() -> new KeyUnavailableException("no data key " + id, null));
        k = new DataKey(id, r.tenant(), new SecretKeySpec(unwrap(r), "AES"));
        cache.put(id, k);
        return k;
    }

    private byte[] unwrap(DataKeyRecord r) {
        KeyEncryptionKey m = masters.get(r.masterKeyId());
        if (m == null) {
            throw new KeyUnavailableException("data key " + r.id() + " is wrapped by master key " + r.masterKeyId()
                    + ", which this node does not have (it has " + masters.keySet() + ")", null);
        }
        try {
            return m.unwrap(r.wrapped(), aad(r.id(), r.tenant()));
        } catch (GeneralSecurityException e) {
            throw new KeyUnavailableException("data key " + r.id() + " does not unwrap with master key " + m.id()
                    + " (altered, or another key with the same id)", e);
        }
    }

    /**
     * Re-wraps every data key under {@code next}, in one transaction, and makes it the master key. Video and
     * secrets stay as they are: they are encrypted by the data keys, which do not change.
     *
     * @return how many data keys were re-wrapped
     */
    public synchronized int rotateMaster(KeyEncryptionKey next) {
        Map<UUID, byte[]> rewrapped = new LinkedHashMap<>();
        Map<UUID, byte[]> raw = new HashMap<>();
        for (DataKeyRecord r : store.all()) {
            raw.put(r.id(), unwrap(r));
            try {
                rewrapped.put(r.id(), next.wrap(raw.get(r.id()), aad(r.id(), r.tenant())));
            } catch (GeneralSecurityException e) {
                throw new KeyUnavailableException("cannot wrap data key " + r.id() + " with " + next.id(), e);
            }
        }
        store.rewrap(rewrapped, next.id());
        masters.put(next.id(), next);
        master = next;
        return rewrapped.size();
    }

    private static byte[] aad(UUID id, UUID tenant) {
        return ByteBuffer.allocate(WRAP_CONTEXT.length + 32).put(WRAP_CONTEXT)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .putLong(tenant.getMostSignificantBits()).putLong(tenant.getLeastSignificantBits()).array();
    }
}
