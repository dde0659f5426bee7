/**
 * Storage tiers: hot (local volumes), warm and cold (object storage), and the policies and the mover between them.
 *
 * <ul>
 *   <li>{@link io.argus.storage.tier.TieredSegmentStore} puts the local store and the object-storage targets behind
 *       one {@link io.argus.storage.chunk.SegmentStore} by location, so playback, export and retention read and
 *       delete a chunk wherever it is.</li>
 *   <li>{@link io.argus.storage.tier.TierPolicy}: hot for N days, warm (target, storage class) until M, cold until
 *       deletion after K; pinned to one region.</li>
 *   <li>{@link io.argus.storage.tier.TierMover}: moves closed chunks between tiers as a crash-safe state machine
 *       kept in the index ({@link io.argus.storage.tier.TierIndex}, over JDBC in argus-metadata): copy, verify the
 *       copy's SHA-256 against the index, switch the row, delete the source. A stage with a
 *       {@link io.argus.storage.tier.TierReencode} gets a re-encoded copy
 *       ({@link io.argus.storage.tier.ChunkConverter}, FFmpeg's in the server), recorded beside the original's
 *       hash, which stays the chain's link.</li>
 *   <li>{@link io.argus.storage.tier.TierService}: the operations the API offers (policies checked against the
 *       targets, assignment, restores, promotions, "restore needed", usage and cost in a
 *       {@link io.argus.storage.tier.UsageReport}); refusals are {@link io.argus.storage.tier.TierException}s.</li>
 * </ul>
 *
 * <p>Layer: argus-storage. May import the JDK, the chunk contract, the S3 store (for restores and target
 * regions; bytes always go through {@link io.argus.storage.chunk.SegmentStore}, so a decorator such as encryption
 * sees every copy) and SLF4J.
 */
package io.argus.storage.tier;
