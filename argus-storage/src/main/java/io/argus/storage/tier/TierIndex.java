package io.argus.storage.tier;

import io.argus.storage.chunk.ChunkConversion;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.Tier;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the tiers keep in the index beside the chunk rows: policies and their assignment to cameras and tenants,
 * each chunk's storage class, restore state and hot pin, and the mover's moves. Implemented over JDBC in
 * argus-metadata ({@code JdbcTierIndex}). Every per-tenant call is scoped by tenant.
 */
public interface TierIndex {

    /** @throws IllegalArgumentException if the tenant has a policy of that name */
    void createPolicy(TierPolicy policy);

    /** @return false if there is no such policy; @throws IllegalArgumentException on a duplicate name */
    boolean updatePolicy(TierPolicy policy);

    /** Deletes a policy; cameras and the tenant default that named it have none afterwards. */
    boolean deletePolicy(UUID tenant, UUID id);

    Optional<TierPolicy> policy(UUID tenant, UUID id);

    List<TierPolicy> policies(UUID tenant);

    /** Assigns a policy to a camera; null removes the assignment (the tenant default applies). */
    void assign(UUID tenant, UUID camera, UUID policy);

    Optional<UUID> assigned(UUID tenant, UUID camera);

    /** Sets the tenant's default policy for cameras without one; null removes it. */
    void setTenantDefault(UUID tenant, UUID policy);

    Optional<UUID> tenantDefault(UUID tenant);

    /** The policy that applies to a camera: its own, else the tenant default. */
    Optional<TierPolicy> policyFor(UUID tenant, UUID camera);

    /**
     * Every configured camera with a policy (its own or its tenant's default), and every camera with one of its
     * own, with that policy.
     */
    List<CameraPolicy> cameraPolicies();

    /**
     * The camera's chunks in {@code tier} that ended at or before {@code endedBy}, are not being moved, and are not
     * held hot (a promotion's {@code hotUntil} still ahead, or a promoted chunk a bookmark protects), oldest first.
     */
    List<ChunkRecord> due(UUID tenant, UUID camera, Tier tier, Instant endedBy, Instant now, int limit);

    /** The tier state of the camera's chunks that overlap {@code [from, to)}, ordered by start. */
    List<TieredChunk> tiered(UUID tenant, UUID camera, Instant from, Instant to);

    /** The conversion the chunk's stored object is, if a tier re-encoded it. */
    Optional<ChunkConversion> conversion(UUID tenant, String location);

    /** Keeps a hot chunk hot until {@code until} (and while a bookmark protects it): a promotion of a hot chunk. */
    void holdHot(UUID tenant, String location, Instant until);

    /** Adds a planned move unless the chunk already has one. @return false if it had */
    boolean planMove(ChunkMove move);

    /** Moves not finished, those tried least first, then oldest (a resumed mover starts with them). */
    List<ChunkMove> moves(int limit);

    /** Records a step of a move (its state and copy location). */
    void advance(ChunkMove move);

    /** Records a failed attempt: back to {@link ChunkMove.State#PLANNED}, one more attempt, the error. */
    void failMove(ChunkMove move, String error);

    /**
     * Points the chunk's row at the copy, records what the copy is ({@link ChunkMove#conversion()}: a re-encode, or
     * null for the recorded bytes), and marks the move {@link ChunkMove.State#SWITCHED}, in one transaction.
     *
     * @param volume the copy's volume
     * @return false if the chunk's row no longer has the move's source location (retention deleted it): nothing
     *         changed
     */
    boolean switchLocation(ChunkMove move, String volume);

    /** Removes a finished (or abandoned) move. */
    void finishMove(ChunkMove move);

    /** Chunks and bytes of unfinished moves. */
    Backlog backlog();

    /** Records a chunk's restore state ({@code until}: when a finished restore's copy expires). */
    void setRestore(UUID tenant, String location, RestoreState state, Instant until);

    /** Chunks whose restore was requested and has not finished, for polling. */
    List<TieredChunk> restoresPending(int limit);

    /** Chunks and bytes per camera and tier. */
    List<TierUsage> usage(UUID tenant);

    /** Unfinished moves' chunks and bytes. */
    record Backlog(long chunks, long bytes) {
    }

    /** A camera and the policy that applies to it. */
    record CameraPolicy(UUID tenant, UUID camera, TierPolicy policy) {
    }
}
