/**
 * Retention: deletes chunks older than their camera's {@link io.argus.storage.retention.RetentionPolicy}, evicts
 * the oldest when a volume runs short of room, and removes files the index no longer knows, always skipping
 * chunks a bookmark protects. The file and its index row go together and idempotently, so a sweep interrupted at
 * any point is finished by the next.
 *
 * <p>Layer: argus-storage. May import the JDK, {@code io.argus.storage.chunk} and SLF4J.
 */
package io.argus.storage.retention;
