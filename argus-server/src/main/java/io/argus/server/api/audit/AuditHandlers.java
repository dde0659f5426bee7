package io.argus.server.api.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import io.argus.metadata.AuditEntry;
import io.argus.metadata.AuditFilter;
import io.argus.metadata.AuditRecord;
import io.argus.server.api.ApiException;
import io.argus.server.api.ApiModule;
import io.argus.server.api.Audit;
import io.argus.server.api.AuditActors;
import io.argus.server.api.ErrorCode;
import io.argus.server.api.Json;
import io.argus.server.api.Require;
import io.argus.server.api.Routes;
import io.argus.server.api.TimeParams;
import io.argus.server.audit.AuditActions;
import io.argus.server.audit.AuditActor;
import io.argus.server.audit.AuditLog;
import io.argus.server.auth.Action;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/v1/audit}: the audit log for auditors, filtered and paged; as JSON lines for export; and a
 * verification of the hash chains on the live database. Each needs {@link Action#READ_AUDIT} and sees the
 * request's tenant only (a system admin picks another with {@code X-Argus-Tenant}). Reading the log is itself
 * audited: here when it succeeds, by the audit trail ({@link Audit#auditRead}) when it is refused.
 */
public final class AuditHandlers implements ApiModule {
    static final String AUDIT = "/api/v1/audit";
    static final String NDJSON = "application/x-ndjson";
    /** A page is at most this many rows; an export streams all of them instead. */
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_LIMIT = 100;

    private final AuditLog log;

    public AuditHandlers(AuditLog log) {
        this.log = log;
    }

    @Override
    public void install(Routes routes) {
        routes.get(AUDIT, Require.tenant(Action.READ_AUDIT), Audit.auditRead(AuditActions.AUDIT_READ), this::list)
                .summary("the audit log, filtered and paged").returns(AuditPageResponse.class);
        routes.get(AUDIT + "/export", Require.tenant(Action.READ_AUDIT), Audit.auditRead(AuditActions.AUDIT_EXPORT),
                this::export)
                .summary("the audit log as JSON lines (application/x-ndjson)");
        routes.get(AUDIT + "/verify", Require.tenant(Action.READ_AUDIT), Audit.auditRead(AuditActions.AUDIT_VERIFY),
                this::verify)
                .summary("verifies the audit log's hash chains").returns(AuditVerifyResponse.class);
    }

    private void list(Context ctx) {
        AuditActor actor = auditor(ctx);
        AuditFilter f = filter(ctx, actor.tenantId());
        int limit = limit(ctx);
        List<AuditRecord> rows = log.repository().find(f, limit + 1);
        boolean more = rows.size() > limit;
        List<AuditRecord> page = more ? rows.subList(0, limit) : rows;
        String next = more ? Long.toString(page.get(page.size() - 1).seq()) : null;
        log.record(actor, AuditActions.AUDIT_READ, null, null, AuditEntry.OK, Map.of("rows", page.size()));
        ctx.json(new AuditPageResponse(page.stream().map(AuditRecordResponse::of).toList(), next));
    }

    private void export(Context ctx) throws IOException {
        AuditActor actor = auditor(ctx);
        AuditFilter f = filter(ctx, actor.tenantId());
        log.record(actor, AuditActions.AUDIT_EXPORT, null, null, AuditEntry.OK, query(ctx));
        ctx.contentType(NDJSON).header("Content-Disposition", "attachment; filename=\"audit.ndjson\"");
        OutputStream out = ctx.res().getOutputStream();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.setPrettyPrinter(null);
            log.repository().forEach(f, 0, r -> {
                try {
                    Json.MAPPER.writeValue(g, AuditRecordResponse.of(r));
                    g.writeRaw('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private void verify(Context ctx) {
        AuditActor actor = auditor(ctx);
        AuditVerifyResponse mine = AuditVerifyResponse.of(log.verify(), actor.tenantId());
        log.record(actor, AuditActions.AUDIT_VERIFY, null, null, AuditEntry.OK,
                Map.of("intact", mine.intact(), "problems", mine.problems().size()));
        ctx.json(mine);
    }

    /** The caller, whom the route's {@link Require} let through. */
    private AuditActor auditor(Context ctx) {
        return AuditActors.of(ctx).orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED, "log in first"));
    }

    private static Map<String, Object> query(Context ctx) {
        Map<String, Object> q = new java.util.TreeMap<>();
        for (String p : List.of("from", "to", "user", "action", "camera")) {
            String v = ctx.queryParam(p);
            if (v != null) {
                q.put(p, v);
            }
        }
        return q;
    }

    private static AuditFilter filter(Context ctx, UUID tenant) {
        Instant from = optionalTime(ctx, "from");
        Instant to = optionalTime(ctx, "to");
        if (from != null && to != null) {
            TimeParams.check(from, to, null);
        }
        String camera = ctx.queryParam("camera");
        if (camera != null) {
            try {
                camera = UUID.fromString(camera).toString();
            } catch (IllegalArgumentException e) {
                throw TimeParams.invalid("camera", "a camera id (UUID)");
            }
        }
        String user = text(ctx, "user", 256);
        String action = text(ctx, "action", 64);
        return new AuditFilter(tenant, from, to, user, action, camera == null ? null : "camera", camera,
                cursor(ctx));
    }

    private static Instant optionalTime(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null ? null : TimeParams.parse(name, v);
    }

    private static String text(Context ctx, String name, int max) {
        String v = ctx.queryParam(name);
        if (v != null && (v.isBlank() || v.length() > max)) {
            throw TimeParams.invalid(name, "1-" + max + " characters");
        }
        return v;
    }

    private static long cursor(Context ctx) {
        String v = ctx.queryParam("cursor");
        if (v == null) {
            return 0;
        }
        try {
            long c = Long.parseLong(v);
            if (c >= 0) {
                return c;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw TimeParams.invalid("cursor", "the nextCursor of a previous page");
    }

    private static int limit(Context ctx) {
        String v = ctx.queryParam("limit");
        if (v == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int l = Integer.parseInt(v);
            if (l >= 1 && l <= MAX_LIMIT) {
                return l;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw TimeParams.invalid("limit", "a number from 1 to " + MAX_LIMIT);
    }
}
