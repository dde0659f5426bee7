package io.argus.server.api.audit;

import io.argus.metadata.AuditChainVerifier;
import java.util.List;
import java.util.UUID;

/**
 * The verification of the caller's tenant's audit chain: intact or not, and each problem naming its row. Other
 * tenants' chains are verified too but neither their problems nor their sizes are told.
 *
 * @param rows the rows of the tenant's chain, as its head counts them
 */
record AuditVerifyResponse(boolean intact, long rows, String headHash, long headSeq, List<Problem> problems) {
    record Problem(String kind, long seq, long lastSeq, String message) {
    }

    static AuditVerifyResponse of(AuditChainVerifier.Result r, UUID tenant) {
        List<Problem> mine = r.problems().stream().filter(p -> p.tenantId().equals(tenant))
                .map(p -> new Problem(p.kind().name().toLowerCase(java.util.Locale.ROOT), p.seq(), p.lastSeq(),
                        p.message())).toList();
        var head = r.heads().stream().filter(h -> h.tenantId().equals(tenant)).findFirst();
        return new AuditVerifyResponse(mine.isEmpty(), head.map(h -> h.seq()).orElse(0L), head.map(h -> h.hash()).orElse(null),
                head.map(h -> h.seq()).orElse(0L), mine);
    }
}
