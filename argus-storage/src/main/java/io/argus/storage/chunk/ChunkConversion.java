package io.argus.storage.chunk;

import java.util.Objects;

/**
 * A chunk whose stored object is a re-encoded copy of what was recorded (a storage tier converted it). Its index
 * row keeps the original's size and SHA-256, the link of the camera's hash chain; this is the converted object's,
 * which a check of the stored bytes must match instead.
 *
 * @param codec    the converted video's codec ({@code H265})
 * @param settings how it was encoded, in words ({@code crf=28}, {@code 800kbps})
 * @param bytes    the converted object's size
 * @param sha256   SHA-256 of the converted object's bytes, lower-case hex
 */
public record ChunkConversion(String codec, String settings, long bytes, String sha256) {
    public ChunkConversion {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(sha256, "sha256");
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes < 0: " + bytes);
        }
    }

    /** {@code H265 crf=28}. */
    public String describe() {
        return codec + " " + settings;
    }
}
