package io.argus.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Encryption at rest and the node's keys.
 *
 * @param encryptRecordings whether new chunks are encrypted (existing ones are read either way)
 * @param masterKeyFile     the local master key file, already resolved against the data directory; used when
 *                          {@code masterKey} is empty, made on first start if missing
 * @param masterKey         the master key itself (base64 of 32 bytes) from {@code ARGUS_CRYPTO_MASTER_KEY}, or empty
 */
public record CryptoConfig(boolean encryptRecordings, Path masterKeyFile, String masterKey) {
    public CryptoConfig {
        Objects.requireNonNull(masterKeyFile, "masterKeyFile");
        Objects.requireNonNull(masterKey, "masterKey");
    }

    @Override
    public String toString() {
        return "CryptoConfig[encryptRecordings=" + encryptRecordings + ", masterKeyFile=" + masterKeyFile
                + (masterKey.isEmpty() ? "" : ", masterKey=(set)") + "]";
    }
}
