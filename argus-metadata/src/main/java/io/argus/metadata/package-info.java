/**
 * Metadata: the control-plane rows (tenants, users, API tokens, cameras) over plain JDBC, with the schema kept
 * by Flyway migrations in {@code db/migration} that run unchanged on the embedded H2 database (one node) and on
 * PostgreSQL (cluster). Every table carries {@code tenant_id} and every query is scoped by it.
 *
 * <p>Layer: argus-metadata. May import the JDK, {@code java.sql}, H2's pool, Flyway and SLF4J; never the media
 * modules or the server.
 */
package io.argus.metadata;
