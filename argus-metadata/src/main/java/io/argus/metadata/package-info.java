/**
 * Metadata: the control-plane rows (tenants, users, API tokens, cameras), the hash-chained audit log
 * ({@link io.argus.metadata.AuditLogRepository}, {@link io.argus.metadata.AuditChainVerifier}) and the chunk index
 * and bookmarks
 * ({@link io.argus.metadata.JdbcChunkIndex} and {@link io.argus.metadata.JdbcBookmarks}, argus-storage's
 * contracts) over plain JDBC, with the schema kept by Flyway migrations in {@code db/migration} that run unchanged
 * on the embedded H2 database (one node) and on PostgreSQL (cluster). Every table carries {@code tenant_id} and
 * every query is scoped by it, but one: disk-full eviction picks the oldest chunks of a volume, which tenants share.
 *
 * <p>Wrapped data keys ({@link io.argus.metadata.JdbcDataKeyStore}) live here too, and camera passwords are stored
 * sealed with them.
 *
 * <p>{@link io.argus.metadata.Database#open} picks the engine from {@code metadata.url}; on PostgreSQL every
 * connection carries the thread's {@link io.argus.metadata.TenantScope} and forced row-level security enforces it.
 *
 * <p>Layer: argus-metadata. May import the JDK, {@code java.sql}, H2's pool, PostgreSQL's driver and HikariCP,
 * Flyway, SLF4J, the chunk
 * contracts ({@code io.argus.storage.chunk}) and the key store contract and secret sealing
 * ({@code io.argus.storage.crypto}); never the media modules or the server.
 */
package io.argus.metadata;
