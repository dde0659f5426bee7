-- Cluster mode's fencing (docs/cluster.md, "Shard assignment and failover"): each chunk stores the epoch its
-- recorder owned the camera's shard in, and the index refuses a chunk whose epoch is below the camera's highest
-- (io.argus.metadata.JdbcChunkIndex). 0 is "unfenced": chunks indexed before this migration, chunks recovered at
-- start-up and pushed cameras recorded where their publisher dialled. A single node records in epoch 1.
-- Portable SQL: H2 in PostgreSQL mode and PostgreSQL. The table's row-level security (V4.1) covers the new column.

ALTER TABLE chunks ADD COLUMN fence_epoch BIGINT DEFAULT 0 NOT NULL;

-- The fence's probe: the camera's highest epoch, read before every fenced insert.
CREATE INDEX chunks_camera_fence_epoch ON chunks (tenant_id, camera_id, fence_epoch);
