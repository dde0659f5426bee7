package io.argus.server.api;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.argus.metadata.AuditEntry;
import io.argus.metadata.AuditRecord;
import java.time.Instant;

/** One audit row as the API shows it; {@code details} is the stored JSON object as it was hashed. */
record AuditRecordResponse(long seq, String tenantId, Instant time, String userId, String userName, String sourceIp,
                           String action, String targetType, String targetId, String outcome,
                           @JsonRawValue String details, String prevHash, String hash) {
    static AuditRecordResponse of(AuditRecord r) {
        AuditEntry e = r.entry();
        return new AuditRecordResponse(r.seq(), e.tenantId().toString(), e.at(),
                e.userId() == null ? null : e.userId().toString(), e.userName(), e.sourceIp(), e.action(),
                e.targetType(), e.targetId(), e.outcome(), e.details(), r.prevHash(), r.hash());
    }
}
