package io.argus.server.api;

import static io.argus.server.audit.AuditActions.EXPORT;
import static io.argus.server.audit.AuditActions.LOCKOUT;
import static io.argus.server.audit.AuditActions.LOGIN;
import static io.argus.server.audit.AuditActions.SNAPSHOT;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.metadata.AuditEntry;
import io.argus.server.audit.AuditActor;
import io.argus.server.audit.AuditLog;
import io.argus.server.auth.LoginResult;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Audits requests after they are answered, as each route declared when it was registered ({@link Audit} in
 * {@link Routes}: a changing route cannot be registered without one), so no handler can forget its audit call. A change is recorded when it succeeded (2xx) or was refused for lack of rights (403); a login
 * whatever its outcome (ok, wrong password, locked out). Views go through {@link AuditLog#recordView}: one row per
 * session. A request made with a signed media URL is its signing user's, marked {@code signed} in the details.
 *
 * <p>Details never hold request values that may be secret: for a change, the names of the fields sent, and the
 * camera name on create.
 */
final class AuditTrail {
    private final AuditLog log;
    private final AuditActors actors;
    private final Routes routes;

    AuditTrail(AuditLog log, AuditActors actors, Routes routes) {
        this.log = log;
        this.actors = actors;
        this.routes = routes;
    }

    /** The after-handler: audits the answered request as its route declared ({@link Routes}). */
    void after(Context ctx) {
        Endpoint e = ctx.endpoints().matchedHttpEndpoint();
        Audit rule = e == null ? Audit.NONE : routes.audit(e.method.name(), e.path);
        if (!rule.audited()) {
            return;
        }
        if (rule.kind() == Audit.Kind.LOGIN) {
            login(ctx);
            return;
        }
        int status = ctx.statusCode();
        boolean ok = status >= 200 && status < 300;
        Optional<AuditActor> actor = AuditActors.of(ctx);
        if ((!ok && status != 403) || actor.isEmpty() || rule.kind() == Audit.Kind.AUDIT && ok) {
            return;
        }
        if (rule.kind() == Audit.Kind.AUDIT) {
            log.record(actor.get(), rule.action(), null, null, AuditEntry.DENIED, Map.of("status", status));
            return;
        }
        String target = rule.targetParam() == null ? created(ctx) : Audit.SELF.equals(rule.targetParam())
                ? String.valueOf(actor.get().userId()) : param(e.path, ctx.path(), rule.targetParam());
        Map<String, Object> details = new TreeMap<>();
        details.put("status", status);
        if (ctx.attribute(AuthFilter.GRANT) != null) {
            details.put("signed", true);
        }
        if (rule.kind() == Audit.Kind.VIEW && ok) {
            details.put("via", rule.action().equals(SNAPSHOT) ? "snapshot"
                    : e.path.endsWith("/" + MediaPaths.WHEP) ? "webrtc" : "hls");
            putRange(ctx, details);
            details.put("session", details.getOrDefault("from", "") + "/" + details.getOrDefault("to", ""));
            log.recordView(actor.get(), rule.action(), target, details);
            return;
        }
        if (rule.action().equals(EXPORT)) {
            putRange(ctx, details);
        }
        if (rule.targetType().equals("bookmark")) {
            details.put("camera", param(e.path, ctx.path(), "id"));
        }
        details.putAll(fields(ctx));
        log.record(actor.get(), rule.action(), rule.targetType(), target, ok ? AuditEntry.OK : AuditEntry.DENIED,
                details);
    }

    /** A WebSocket view of {@code route}, once its upgrade passed every check. */
    void socket(Routes.Entry route, Context ctx) {
        Map<String, Object> details = ctx.attribute(AuthFilter.GRANT) == null ? Map.of("via", "ws")
                : Map.of("via", "ws", "signed", true);
        AuditActors.of(ctx).ifPresent(a -> log.recordView(a, route.audit().action(),
                param(route.path(), ctx.path(), route.audit().targetParam()), details));
    }

    private void login(Context ctx) {
        LoginAttempt a = LoginAttempt.of(ctx);
        if (a == null) {
            return; // refused before any check (a malformed body): nobody tried a password
        }
        switch (a.result()) {
            case LoginResult.Ok ok -> {
                AuditActor actor = AuditActors.loggedIn(ctx, ok.token().session(), a.username());
                log.record(actor, LOGIN, "user", actor.userId().toString(), AuditEntry.OK, Map.of("tenant",
                        a.tenant()));
            }
            case LoginResult.Rejected r -> log.record(actors.failedLogin(ctx, a.tenant(), a.username()), LOGIN,
                    "user", null, AuditEntry.FAILED, Map.of("tenant", a.tenant(), "reason",
                            "wrong tenant, username or password, or disabled"));
            case LoginResult.Locked l -> log.record(actors.failedLogin(ctx, a.tenant(), a.username()), LOCKOUT,
                    "user", null, AuditEntry.DENIED, Map.of("tenant", a.tenant(), "retryAfterSeconds",
                            Math.max(1, (l.retryAfter().toMillis() + 999) / 1000)));
        }
    }

    private static void putRange(Context ctx, Map<String, Object> details) {
        for (String p : List.of("from", "to")) {
            String v = ctx.queryParam(p);
            if (v != null) {
                details.put(p, v);
            }
        }
    }

    /** The new resource's id, the last segment of the answer's Location. */
    private static String created(Context ctx) {
        String location = ctx.res().getHeader("Location");
        return location == null ? null : location.substring(location.lastIndexOf('/') + 1);
    }

    /** The value of {@code {name}} in {@code route} as it appears in the request path. */
    static String param(String route, String path, String name) {
        String[] r = route.split("/");
        String[] p = path.split("/");
        for (int i = 0; i < r.length && i < p.length; i++) {
            if (r[i].equals("{" + name + "}")) {
                return p[i];
            }
        }
        return null;
    }

    /**
     * The names of the top-level fields of a JSON body ({@code fields}), the {@code username} of a login and the
     * {@code name} of a camera: never other values, which may be passwords.
     */
    private static Map<String, Object> fields(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            if (n == null || !n.isObject()) {
                return Map.of();
            }
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            out.put("fields", String.join(",", names));
            for (String keep : List.of("username", "name")) {
                if (n.get(keep) != null && n.get(keep).isTextual()) {
                    out.put(keep, n.get(keep).asText());
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }
}
