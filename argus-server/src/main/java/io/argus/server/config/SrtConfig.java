package io.argus.server.config;

/**
 * SRT ingest: callers publish MPEG-TS to {@code srt://host:port?streamid=#!::r=<camera>,m=publish,u=…,s=…}.
 *
 * @param enabled    whether the SRT port is served (when libsrt is installed)
 * @param port       UDP port (8890, as MediaMTX); 0 picks a free one
 * @param passphrase the AES passphrase callers must use, or null for none
 * @param keyLength  AES key length in bytes (16, 24 or 32) with a passphrase
 */
public record SrtConfig(boolean enabled, int port, String passphrase, int keyLength) {
    public SrtConfig {
        if (passphrase != null && (passphrase.length() < 10 || passphrase.length() > 79)) {
            throw new IllegalArgumentException("srt.passphrase must have 10 to 79 characters (libsrt's bounds)");
        }
        if (keyLength != 16 && keyLength != 24 && keyLength != 32) {
            throw new IllegalArgumentException("srt.pbkeylen must be 16, 24 or 32: " + keyLength);
        }
    }

    /** From the keys' values: an empty passphrase is none. */
    static SrtConfig of(boolean enabled, int port, String passphrase, int keyLength) {
        return new SrtConfig(enabled, port, passphrase.isEmpty() ? null : passphrase, keyLength);
    }

    @Override
    public String toString() {
        return "SrtConfig[enabled=" + enabled + ", port=" + port + ", passphrase=" + (passphrase == null ? "none"
                : "set") + ", keyLength=" + keyLength + "]";
    }
}
