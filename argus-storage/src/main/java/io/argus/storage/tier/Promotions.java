package io.argus.storage.tier;

import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.Placement;
import io.argus.storage.chunk.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Promotion of a time window back to the hot tier, for investigators who must not wait on cold storage: chunks in
 * warm or cold get a move back to local disk, and every chunk of the window stays hot until {@code hotUntil} and
 * while a bookmark protects it. The mover runs the moves.
 */
public final class Promotions {
    private Promotions() {
    }

    /**
     * @param planned         chunks a move back to hot was planned for
     * @param alreadyHot      chunks that were hot (now held there)
     * @param busy            chunks already moving (promote again once that move is done)
     * @param restoreNeeded   chunks in an archive class that must be restored first
     * @param hotUntil        how long the window stays hot
     */
    public record Result(List<ChunkRecord> planned, List<ChunkRecord> alreadyHot, List<ChunkRecord> busy,
                         List<ChunkRecord> restoreNeeded, Instant hotUntil) {
    }

    public static Result promote(TierIndex index, UUID tenant, UUID camera, Instant from, Instant to,
                                 Instant now, Instant hotUntil) {
        List<ChunkRecord> planned = new ArrayList<>();
        List<ChunkRecord> hot = new ArrayList<>();
        List<ChunkRecord> busy = new ArrayList<>();
        List<ChunkRecord> restore = new ArrayList<>();
        for (TieredChunk t : index.tiered(tenant, camera, from, to)) {
            ChunkRecord r = t.chunk();
            if (r.tier() == Tier.HOT) {
                index.holdHot(tenant, r.location(), hotUntil);
                hot.add(r);
            } else if (t.restoreNeeded(now)) {
                restore.add(r);
            } else if (index.planMove(TierMover.planned(r, Placement.HOT, hotUntil))) {
                planned.add(r);
            } else {
                busy.add(r);
            }
        }
        return new Result(planned, hot, busy, restore, hotUntil);
    }
}
