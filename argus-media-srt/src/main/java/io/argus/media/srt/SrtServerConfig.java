package io.argus.media.srt;

import java.util.Objects;

/**
 * Where the SRT listener listens and how callers must encrypt.
 *
 * @param host       bind address ({@code 0.0.0.0} for all)
 * @param port       UDP port (8890 by default, as MediaMTX; 0 picks a free one, for tests)
 * @param passphrase AES passphrase every caller must use (10 to 79 characters, libsrt's bounds), or null for none
 * @param keyLength  AES key length in bytes when encrypting: 16, 24 or 32 (0: libsrt's default, 16)
 */
public record SrtServerConfig(String host, int port, String passphrase, int keyLength) {
    public SrtServerConfig {
        Objects.requireNonNull(host);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (passphrase != null && (passphrase.length() < 10 || passphrase.length() > 79)) {
            throw new IllegalArgumentException("an SRT passphrase has 10 to 79 characters");
        }
        if (keyLength != 0 && keyLength != 16 && keyLength != 24 && keyLength != 32) {
            throw new IllegalArgumentException("the SRT key length is 16, 24 or 32 bytes: " + keyLength);
        }
    }

    /** A free loopback port, no passphrase: for tests. */
    public static SrtServerConfig ephemeral() {
        return new SrtServerConfig("127.0.0.1", 0, null, 0);
    }
}
