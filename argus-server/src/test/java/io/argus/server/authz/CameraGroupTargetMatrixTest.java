package io.argus.server.authz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.server.ArgusServer;
import io.argus.server.testing.TestNode;
import io.argus.testkit.tier.E2e;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may change which camera group: caller × group × operation → the exact status. A camera group scopes what
 * custom roles give, so adding a camera to a group gives every holder of a role naming the group that role's
 * camera actions on the camera. The rule ({@code RoleRights.checkMayAddCamerasTo}): adding cameras to a group
 * needs every camera action any role gives on it, on the whole tenant (token scopes count); taking cameras out,
 * renaming and deleting only narrow, so {@code manage-cameras} is enough.
 *
 * <p>Callers: {@code sys} system admin; {@code tadm} tenant admin; {@code cmgr} the custom role
 * "camera-manager" (manage-cameras on every camera, nothing else); {@code tok} a tenant admin's API token scoped to
 * manage-cameras; {@code othr} another tenant's admin. Groups, fresh, holding camera A: {@code free} no role names
 * it; {@code live} a role gives view-live and playback on it; {@code mc} a role gives manage-cameras on it.
 */
@E2e
class CameraGroupTargetMatrixTest {
    /** Each operation: its route and body; {@code %s} is the group's camera list, {@code add} appends camera B. */
    static final Map<String, String> OPS = new LinkedHashMap<>();

    static {
        OPS.put("get", "GET /api/v1/camera-groups/{gid}");
        OPS.put("create", "POST /api/v1/camera-groups");
        OPS.put("add", "PUT /api/v1/camera-groups/{gid}");
        OPS.put("remove", "PUT /api/v1/camera-groups/{gid}");
        OPS.put("rename", "PUT /api/v1/camera-groups/{gid}");
        OPS.put("del", "DELETE /api/v1/camera-groups/{gid}");
    }

    /** caller → group → the status of each operation, in the order of {@link #OPS}. */
    static final Map<String, Map<String, String>> SPEC = new LinkedHashMap<>();

    static {
        //                        group   get create add  remove rename del
        SPEC.put("sys",  Map.of("free", "200 201   200  200    200    204",
                                "live", "200 201   200  200    200    204",
                                "mc",   "200 201   200  200    200    204"));
        SPEC.put("tadm", Map.of("free", "200 201   200  200    200    204",
                                "live", "200 201   200  200    200    204",
                                "mc",   "200 201   200  200    200    204"));
        SPEC.put("cmgr", Map.of("free", "200 201   200  200    200    204",
                                "live", "200 201   403  200    200    204",
                                "mc",   "200 201   200  200    200    204"));
        SPEC.put("tok",  Map.of("free", "200 201   200  200    200    204",
                                "live", "200 201   403  200    200    204",
                                "mc",   "200 201   200  200    200    204"));
        // Another tenant's admin finds none of our groups; it creates in its own tenant, where camera A is unknown.
        SPEC.put("othr", Map.of("free", "404 400   404  404    404    404",
                                "live", "404 400   404  404    404    404",
                                "mc",   "404 400   404  404    404    404"));
    }

    static final Map<String, String> GROUP_ROLE_ACTIONS = Map.of("free", "", "live", "\"view-live\",\"playback\"",
            "mc", "\"manage-cameras\"");

    @RegisterExtension
    static final TestNode node = TestNode.bare();
    static ArgusServer server;
    static AccessFixture fx;
    static final Map<String, ArgusClient> callers = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        server = node.server();
        fx = new AccessFixture(node);
        AccessFixture.ok(fx.admin.post("/api/v1/roles", "{\"name\":\"camera-manager\",\"permissions\":[{\"actions\":"
                + "[\"manage-cameras\"],\"allCameras\":true}]}"));
        callers.put("sys", fx.admin);
        callers.put("tadm", fx.client("tadm"));
        callers.put("cmgr", user("cmgr", "camera-manager"));
        callers.put("tok", fx.admin.withToken(AccessFixture.ok(fx.client("tadm").post("/api/v1/me/tokens",
                "{\"name\":\"camera-sync\",\"scopes\":[\"manage-cameras\"]}")).get("token").asText()));
        callers.put("othr", fx.client("othr"));
    }

    @Test
    void everyGroupRouteIsInTheMatrix() {
        TreeSet<String> registered = server.http().routes().stream()
                .filter(e -> e.path().startsWith("/api/v1/camera-groups")
                        && (e.path().contains("{gid}") || !e.method().equals("GET")))
                .map(e -> e.method() + " " + e.path()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(OPS.values())).as("group routes the matrix covers vs. the registry")
                .isEqualTo(registered);
        assertThat(SPEC.keySet()).containsExactlyElementsOf(callers.keySet());
    }

    @Test
    void everyCallerGetsExactlyWhatTheSpecSaysForEveryGroupAndOperation() {
        List<String> wrong = new ArrayList<>();
        for (var caller : SPEC.entrySet()) {
            for (var target : new TreeSet<>(caller.getValue().keySet())) {
                List<String> expected = List.of(caller.getValue().get(target).trim().split("\\s+"));
                int i = 0;
                for (String op : OPS.keySet()) {
                    String want = expected.get(i++);
                    String got = run(callers.get(caller.getKey()), target, op);
                    if (!got.equals(want)) {
                        wrong.add(caller.getKey() + " " + op + " on " + target + ": expected " + want + ", got " + got);
                    }
                }
            }
        }
        assertThat(wrong).as("cells of the camera-group matrix that do not hold").isEmpty();
    }

    /** The escalation itself: a camera manager holding a group-scoped role widens neither itself nor a viewer. */
    @Test
    void aCameraManagerCannotWidenWhatARoleOnAGroupGives() {
        String group = group("free");
        String role = roleOn(group);
        ArgusClient self = user("cmgr-" + UUID.randomUUID().toString().substring(0, 6), "camera-manager", role);
        ArgusClient viewer = user("v-" + UUID.randomUUID().toString().substring(0, 6), role);
        assertThat(viewer.get("/api/v1/cameras/" + fx.camB).status()).isEqualTo(404);
        Answer a = self.send("PUT", "/api/v1/camera-groups/" + group, body("g-wider", fx.camA, fx.camB));
        assertThat(a.status()).as(a.toString()).isEqualTo(403);
        assertThat(a.json().get("message").asText()).contains("view-live").contains(role);
        assertThat(AccessFixture.ok(fx.admin.get("/api/v1/camera-groups/" + group)).get("cameraIds"))
                .extracting(JsonNode::asText).containsExactly(fx.camA);
        assertThat(viewer.get("/api/v1/cameras/" + fx.camB).status()).isEqualTo(404);
        assertThat(self.send("PUT", "/api/v1/camera-groups/" + group, body("g-narrower")).status()).isEqualTo(200);
        assertThat(viewer.get("/api/v1/cameras/" + fx.camA).status()).isEqualTo(404);
    }

    private static String run(ArgusClient c, String target, String op) {
        Answer a = switch (op) {
            case "create" -> c.post("/api/v1/camera-groups", body("n-" + UUID.randomUUID().toString().substring(0, 8),
                    fx.camA));
            case "get" -> c.get("/api/v1/camera-groups/" + group(target));
            case "add" -> c.send("PUT", "/api/v1/camera-groups/" + group(target), body("g-add", fx.camA, fx.camB));
            case "remove" -> c.send("PUT", "/api/v1/camera-groups/" + group(target), body("g-remove"));
            case "rename" -> c.send("PUT", "/api/v1/camera-groups/" + group(target), body("g-renamed", fx.camA));
            case "del" -> c.send("DELETE", "/api/v1/camera-groups/" + group(target), null);
            default -> throw new IllegalArgumentException(op);
        };
        if (a.status() >= 400 && !a.json().has("error")) {
            return a.status() + " without an error body";
        }
        return Integer.toString(a.status());
    }

    /** A fresh group holding camera A, and for {@code live} and {@code mc} a role that gives on it. */
    private static String group(String target) {
        String g = AccessFixture.ok(fx.admin.post("/api/v1/camera-groups", body("g-" + UUID.randomUUID().toString()
                .substring(0, 8), fx.camA))).get("id").asText();
        if (!GROUP_ROLE_ACTIONS.get(target).isEmpty()) {
            AccessFixture.ok(fx.admin.post("/api/v1/roles", "{\"name\":\"r-" + UUID.randomUUID().toString()
                    .substring(0, 8) + "\",\"permissions\":[{\"actions\":[" + GROUP_ROLE_ACTIONS.get(target)
                    + "],\"groupIds\":[\"" + g + "\"]}]}"));
        }
        return g;
    }

    /** A role giving view-live on {@code group}; its name. */
    private static String roleOn(String group) {
        String name = "watch-" + UUID.randomUUID().toString().substring(0, 6);
        AccessFixture.ok(fx.admin.post("/api/v1/roles", "{\"name\":\"" + name + "\",\"permissions\":[{\"actions\":"
                + "[\"view-live\"],\"groupIds\":[\"" + group + "\"]}]}"));
        return name;
    }

    private static ArgusClient user(String name, String... roles) {
        String list = List.of(roles).stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        AccessFixture.ok(fx.admin.post("/api/v1/users", "{\"username\":\"" + name + "\",\"password\":\""
                + AccessFixture.PASSWORD + "\",\"roles\":[" + list + "]}"));
        return fx.login("default", name);
    }

    private static String body(String name, String... cameras) {
        String ids = List.of(cameras).stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(","));
        return "{\"name\":\"" + name + "-" + UUID.randomUUID().toString().substring(0, 6) + "\",\"cameraIds\":["
                + ids + "]}";
    }
}
