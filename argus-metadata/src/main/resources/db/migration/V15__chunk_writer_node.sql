-- Cluster mode (docs/cluster.md, "Serving any camera from any node"): each chunk records the node that wrote it
-- (cluster.node), so that another node reads a chunk still on that node's local disk through it. Null: written by
-- a single node, or before this migration: the chunk is on this node's own disk or on object storage.
-- Portable SQL: H2 in PostgreSQL mode and PostgreSQL. The table's row-level security (V4.1) covers the new column.

ALTER TABLE chunks ADD COLUMN writer_node VARCHAR(255);
