package io.argus.storage.crypto;

import java.util.UUID;
import javax.crypto.SecretKey;

/** An unwrapped data key (AES-256), held in memory only. */
public record DataKey(UUID id, UUID tenant, SecretKey key) {
    @Override
    public String toString() {
        return "DataKey[" + id + ", tenant " + tenant + "]";
    }
}
