package io.argus.server.api.audit;

import java.util.List;

/** A page of audit rows; {@code nextCursor} (null on the last page) goes into {@code ?cursor=} for the next. */
record AuditPageResponse(List<AuditRecordResponse> entries, String nextCursor) {
}
