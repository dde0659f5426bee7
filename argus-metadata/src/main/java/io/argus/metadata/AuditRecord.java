package io.argus.metadata;

/**
 * An audit entry as stored: its place in its tenant's chain ({@code seq}, from 1 without gaps), the previous
 * row's hash and its own ({@link AuditHash}).
 */
public record AuditRecord(long seq, AuditEntry entry, String prevHash, String hash) {
}
