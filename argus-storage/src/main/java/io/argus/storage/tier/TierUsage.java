package io.argus.storage.tier;

import io.argus.storage.chunk.Tier;
import java.util.UUID;

/** Chunks and bytes of one camera in one tier. */
public record TierUsage(UUID camera, Tier tier, long chunks, long bytes) {
}
