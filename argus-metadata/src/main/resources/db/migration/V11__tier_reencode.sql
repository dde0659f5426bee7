-- Tier conversion (io.argus.storage.tier.TierReencode): a warm or cold stage may re-encode chunks moving into it.
-- Portable SQL: H2 in PostgreSQL mode and PostgreSQL. New columns of tables that already have row-level security
-- (V7.2): no new policy is needed.

-- A stage's re-encode as TierReencode.spec() ('h265:crf=28', 'h265:800kbps'), NULL to store chunks as recorded.
ALTER TABLE tier_policies ADD COLUMN warm_reencode VARCHAR(32);
ALTER TABLE tier_policies ADD COLUMN cold_reencode VARCHAR(32);

-- A chunk whose stored object is a converted copy (io.argus.storage.chunk.ChunkConversion). bytes and sha256 stay
-- the original's (sha256 is the hash chain's link); these describe the object at location. All NULL: as recorded.
ALTER TABLE chunks ADD COLUMN converted_codec VARCHAR(16);
ALTER TABLE chunks ADD COLUMN converted_settings VARCHAR(32);
ALTER TABLE chunks ADD COLUMN converted_bytes BIGINT;
ALTER TABLE chunks ADD COLUMN converted_sha256 CHAR(64);
ALTER TABLE chunks ADD CONSTRAINT chunks_converted CHECK ((converted_sha256 IS NULL AND converted_bytes IS NULL
    AND converted_codec IS NULL AND converted_settings IS NULL) OR (converted_sha256 IS NOT NULL
    AND converted_bytes >= 0 AND converted_codec IS NOT NULL AND converted_settings IS NOT NULL));

-- The copy a move writes, when it is a converted one (from state COPIED on), switched into the chunk's row with it.
ALTER TABLE chunk_moves ADD COLUMN converted_codec VARCHAR(16);
ALTER TABLE chunk_moves ADD COLUMN converted_settings VARCHAR(32);
ALTER TABLE chunk_moves ADD COLUMN converted_bytes BIGINT;
ALTER TABLE chunk_moves ADD COLUMN converted_sha256 CHAR(64);
