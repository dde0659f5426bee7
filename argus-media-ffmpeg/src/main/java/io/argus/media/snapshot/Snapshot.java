package io.argus.media.snapshot;

import java.time.Instant;

/**
 * One JPEG picture of a camera. The array is shared with the cache and every caller that got this snapshot:
 * read it, never change it.
 *
 * @param takenAt when its keyframe was taken from the live stream (the cache's clock)
 */
public record Snapshot(byte[] jpeg, int width, int height, Instant takenAt) {
}
