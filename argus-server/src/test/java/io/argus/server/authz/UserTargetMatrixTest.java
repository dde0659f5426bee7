package io.argus.server.authz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.server.ArgusServer;
import io.argus.server.testing.TestNode;
import io.argus.testkit.tier.E2e;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may change whom: caller × target user × operation → the exact status. {@link AuthorizationMatrixTest} asks
 * whether a principal may use a route; this asks whether it may use it on <em>that</em> user (an account takeover
 * passed the route check: a user manager reset a system admin's password). The rule: nobody changes, disables,
 * resets, deletes or creates a user holding anything the caller lacks (its token's scopes count), a system admin
 * only by a system admin, and nobody their own account here (that is {@code /api/v1/me}).
 *
 * <p>Callers: {@code sys} system admin; {@code tadm} tenant admin; {@code umgr} the custom role "user-manager"
 * (manage-users, view-live, playback); {@code tok} another tenant admin's API token scoped to manage-users;
 * {@code othr} another tenant's admin. Targets, fresh users: {@code sys} another system admin; {@code tadm} a
 * tenant admin; {@code more} user-manager and operator (more than umgr); {@code peer} user-manager (as umgr);
 * {@code fewer} viewer; {@code none} no roles; {@code self} the caller. A {@code -} is a cell that does not apply.
 * Each caller's own row comes last and the targets are made by a system admin of their own, so on code that lets
 * a wrong cell through the rest of the table still runs and the failure lists every wrong cell.
 */
@E2e
class UserTargetMatrixTest {
    static final String NEW_PASSWORD = "a-fresh-reset-passphrase";

    /** Each operation: its route and body (null: no body). {@code create} makes a user holding the target's roles. */
    static final Map<String, Op> OPS = new LinkedHashMap<>();

    static {
        op("get", "GET /api/v1/users/{uid}", null);
        op("create", "POST /api/v1/users", null);
        op("pw", "PATCH /api/v1/users/{uid}", "{\"password\":\"" + NEW_PASSWORD + "\"}");
        op("off", "PATCH /api/v1/users/{uid}", "{\"disabled\":true}");
        op("on", "PATCH /api/v1/users/{uid}", "{\"disabled\":false}");
        op("roles", "PATCH /api/v1/users/{uid}", "{\"roles\":[]}");
        op("name", "PATCH /api/v1/users/{uid}", "{\"username\":\"renamed\"}");
        op("del", "DELETE /api/v1/users/{uid}", null);
    }

    static final List<String> TARGETS = List.of("sys", "tadm", "more", "peer", "fewer", "none", "self");

    /** caller → target → the status of each operation, in the order of {@link #OPS}. */
    static final Map<String, Map<String, String>> SPEC = new LinkedHashMap<>();

    static {
        //                 target    get create pw   off  on   roles name del
        spec("sys",  cells("sys",   "200 201   200  200  200  200   400  204",
                           "tadm",  "200 201   200  200  200  200   400  204",
                           "more",  "200 201   200  200  200  200   400  204",
                           "peer",  "200 201   200  200  200  200   400  204",
                           "fewer", "200 201   200  200  200  200   400  204",
                           "none",  "200 201   200  200  200  200   400  204",
                           "self",  "200 -     409  409  409  409   400  409"));
        spec("tadm", cells("sys",   "200 403   403  403  403  403   403  403",
                           "tadm",  "200 201   200  200  200  200   400  204",
                           "more",  "200 201   200  200  200  200   400  204",
                           "peer",  "200 201   200  200  200  200   400  204",
                           "fewer", "200 201   200  200  200  200   400  204",
                           "none",  "200 201   200  200  200  200   400  204",
                           "self",  "200 -     409  409  409  409   400  409"));
        spec("umgr", cells("sys",   "200 403   403  403  403  403   403  403",
                           "tadm",  "200 403   403  403  403  403   403  403",
                           "more",  "200 403   403  403  403  403   403  403",
                           "peer",  "200 201   200  200  200  200   400  204",
                           "fewer", "200 201   200  200  200  200   400  204",
                           "none",  "200 201   200  200  200  200   400  204",
                           "self",  "200 -     409  409  409  409   400  409"));
        spec("tok",  cells("sys",   "200 403   403  403  403  403   403  403",
                           "tadm",  "200 403   403  403  403  403   403  403",
                           "more",  "200 403   403  403  403  403   403  403",
                           "peer",  "200 403   403  403  403  403   403  403",
                           "fewer", "200 403   403  403  403  403   403  403",
                           "none",  "200 201   200  200  200  200   400  204",
                           "self",  "200 -     403  403  403  403   403  403"));
        // Another tenant's admin finds none of our users; it creates in its own tenant, where user-manager is unknown.
        spec("othr", cells("sys",   "404 403   404  404  404  404   404  404",
                           "tadm",  "404 201   404  404  404  404   404  404",
                           "more",  "404 400   404  404  404  404   404  404",
                           "peer",  "404 400   404  404  404  404   404  404",
                           "fewer", "404 201   404  404  404  404   404  404",
                           "none",  "404 201   404  404  404  404   404  404",
                           "self",  "200 -     409  409  409  409   400  409"));
    }

    static final Map<String, List<String>> TARGET_ROLES = Map.of("sys", List.of("system-admin"),
            "tadm", List.of("tenant-admin"), "more", List.of("user-manager", "operator"),
            "peer", List.of("user-manager"), "fewer", List.of("viewer"), "none", List.of());

    @RegisterExtension
    static final TestNode node = TestNode.bare();
    static ArgusServer server;
    static AccessFixture fx;
    /** Makes the targets: a system admin of its own, so no cell (the system admin's own row included) touches it. */
    static ArgusClient maker;
    static final Map<String, ArgusClient> callers = new LinkedHashMap<>();
    static final Map<String, String> selfIds = new HashMap<>();

    @BeforeAll
    static void start() {
        server = node.server();
        fx = new AccessFixture(node);
        AccessFixture.ok(fx.admin.post("/api/v1/users", "{\"username\":\"maker\",\"password\":\""
                + AccessFixture.PASSWORD + "\",\"roles\":[\"system-admin\"]}"));
        maker = fx.login("default", "maker");
        AccessFixture.ok(fx.admin.post("/api/v1/roles", "{\"name\":\"user-manager\",\"permissions\":[{\"actions\":"
                + "[\"manage-users\",\"view-live\",\"playback\"],\"allCameras\":true}]}"));
        AccessFixture.ok(fx.admin.post("/api/v1/users", "{\"username\":\"umgr\",\"password\":\""
                + AccessFixture.PASSWORD + "\",\"roles\":[\"user-manager\"]}"));
        callers.put("sys", fx.admin);
        callers.put("tadm", fx.client("tadm"));
        callers.put("umgr", fx.login("default", "umgr"));
        AccessFixture.ok(fx.admin.post("/api/v1/users", "{\"username\":\"tadm2\",\"password\":\""
                + AccessFixture.PASSWORD + "\",\"roles\":[\"tenant-admin\"]}"));
        callers.put("tok", fx.admin.withToken(AccessFixture.ok(fx.login("default", "tadm2").post("/api/v1/me/tokens",
                "{\"name\":\"user-sync\",\"scopes\":[\"manage-users\"]}")).get("token").asText()));
        callers.put("othr", fx.client("othr"));
        callers.forEach((name, c) -> selfIds.put(name, AccessFixture.ok(c.get("/api/v1/me")).get("id").asText()));
    }

    /** Every route that names a user or changes users (all but the list) is a column; every field PATCH takes too. */
    @Test
    void everyUserRouteAndEveryFieldIsInTheMatrix() throws Exception {
        TreeSet<String> registered = server.http().routes().stream()
                .filter(e -> e.path().contains("{uid}") || e.path().startsWith("/api/v1/users")
                        && !e.method().equals("GET"))
                .map(e -> e.method() + " " + e.path()).collect(Collectors.toCollection(TreeSet::new));
        TreeSet<String> covered = OPS.values().stream().map(Op::route).collect(Collectors.toCollection(TreeSet::new));
        assertThat(covered).as("user routes the target matrix covers vs. the registry").isEqualTo(registered);
        RecordComponent[] fields = Class.forName("io.argus.server.api.access.AccessDtos$UserRequest").getRecordComponents();
        TreeSet<String> patched = OPS.values().stream().filter(o -> o.route().startsWith("PATCH "))
                .map(o -> o.body().substring(2, o.body().indexOf('"', 2))).collect(Collectors.toCollection(TreeSet::new));
        assertThat(patched).as("fields PATCH sends in the matrix vs. the fields of a user request")
                .isEqualTo(Arrays.stream(fields).map(RecordComponent::getName).collect(Collectors.toCollection(
                        TreeSet::new)));
        assertThat(SPEC.keySet()).containsExactlyElementsOf(callers.keySet());
    }

    @Test
    void everyCallerGetsExactlyWhatTheSpecSaysForEveryTargetAndOperation() {
        List<String> wrong = new ArrayList<>();
        Map<String, String> targets = new HashMap<>();
        for (var caller : SPEC.entrySet()) {
            for (var target : caller.getValue().entrySet()) {
                List<String> expected = List.of(target.getValue().split("\\s+"));
                int i = 0;
                for (var op : OPS.entrySet()) {
                    String want = expected.get(i++);
                    if (want.equals("-")) {
                        continue;
                    }
                    String got = run(caller.getKey(), target.getKey(), op.getKey(), op.getValue(), targets);
                    if (!got.equals(want)) {
                        wrong.add(caller.getKey() + " " + op.getKey() + " on " + target.getKey() + ": expected "
                                + want + ", got " + got);
                    }
                }
            }
        }
        assertThat(wrong).as("cells of the target matrix that do not hold").isEmpty();
    }

    @Test
    void aRefusedResetLeavesTheSystemAdminsPasswordAndSessionsAlone() {
        String victim = fresh("sys");
        ArgusClient victimSession = fx.login("default", username(victim));
        Answer a = callers.get("umgr").patch("/api/v1/users/" + victim, "{\"password\":\"" + NEW_PASSWORD + "\"}");
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.json().get("message").asText()).contains("system admin");
        assertThat(victimSession.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(maker.withToken(null).post("/api/v1/auth/login", "{\"username\":\"" + username(victim)
                + "\",\"password\":\"" + NEW_PASSWORD + "\"}").status()).isEqualTo(401);
    }

    /**
     * One cell. A target is made fresh only when the previous cell changed it (a 2xx): refused cells leave it
     * as it was, so one user serves a row of refusals.
     */
    private static String run(String caller, String target, String opName, Op op, Map<String, String> targets) {
        ArgusClient c = callers.get(caller);
        String uid = target.equals("self") ? selfIds.get(caller) : targets.computeIfAbsent(target,
                UserTargetMatrixTest::fresh);
        Answer a;
        if (opName.equals("create")) {
            String roles = TARGET_ROLES.get(target).stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
            a = c.post("/api/v1/users", "{\"username\":\"n-" + UUID.randomUUID().toString().substring(0, 8)
                    + "\",\"password\":\"" + AccessFixture.PASSWORD + "\",\"roles\":[" + roles + "]}");
        } else {
            a = c.send(op.route().substring(0, op.route().indexOf(' ')), "/api/v1/users/" + uid, op.body());
        }
        if (a.status() / 100 == 2 && !opName.equals("get")) {
            targets.remove(target);
        }
        if (a.status() >= 400 && !a.json().has("error")) {
            return a.status() + " without an error body";
        }
        return Integer.toString(a.status());
    }

    private static String fresh(String target) {
        String roles = TARGET_ROLES.get(target).stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        JsonNode u = AccessFixture.ok(maker.post("/api/v1/users", "{\"username\":\"t-" + target + "-"
                + UUID.randomUUID().toString().substring(0, 8) + "\",\"password\":\"" + AccessFixture.PASSWORD
                + "\",\"roles\":[" + roles + "]}"));
        return u.get("id").asText();
    }

    private static String username(String uid) {
        return AccessFixture.ok(maker.get("/api/v1/users/" + uid)).get("username").asText();
    }

    record Op(String route, String body) {
    }

    private static void op(String name, String route, String body) {
        OPS.put(name, new Op(route, body));
    }

    private static void spec(String caller, Map<String, String> cells) {
        if (!cells.keySet().equals(Set.copyOf(TARGETS))) {
            throw new IllegalArgumentException(caller + ": a row for every target, no more");
        }
        cells.values().forEach(v -> {
            if (v.trim().split("\\s+").length != OPS.size()) {
                throw new IllegalArgumentException(caller + ": " + v + " is not one cell per operation");
            }
        });
        SPEC.put(caller, cells);
    }

    private static Map<String, String> cells(String... targetThenCells) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < targetThenCells.length; i += 2) {
            out.put(targetThenCells[i], targetThenCells[i + 1].trim());
        }
        return out;
    }
}
