package io.argus.server.api.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.argus.metadata.AuditEntry;
import io.argus.metadata.AuditRecord;
import io.argus.server.api.Json;
import java.time.Instant;

/**
 * One audit row as the API shows it. {@code details} is the stored JSON object; a row whose details were edited
 * into something that is not JSON shows them as a string, so an export of a tampered log still parses.
 */
record AuditRecordResponse(long seq, String tenantId, Instant time, String userId, String userName, String sourceIp,
                           String action, String targetType, String targetId, String outcome, JsonNode details,
                           String prevHash, String hash) {
    static AuditRecordResponse of(AuditRecord r) {
        AuditEntry e = r.entry();
        return new AuditRecordResponse(r.seq(), e.tenantId().toString(), e.at(),
                e.userId() == null ? null : e.userId().toString(), e.userName(), e.sourceIp(), e.action(),
                e.targetType(), e.targetId(), e.outcome(), details(e.details()), r.prevHash(), r.hash());
    }

    private static JsonNode details(String stored) {
        try {
            return Json.MAPPER.readTree(stored);
        } catch (JsonProcessingException x) {
            return TextNode.valueOf(stored);
        }
    }
}
