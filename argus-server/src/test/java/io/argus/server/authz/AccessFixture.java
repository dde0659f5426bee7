package io.argus.server.authz;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.server.ArgusServer;
import io.argus.server.testing.TestNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A server with one principal per column of the authorization matrix: a user for each built-in role, a user of a
 * custom role that may only watch, play back and export the cameras of one group for the last 24 hours, and
 * the tenant-admin of another tenant. Camera A is in that group, camera B is not.
 */
final class AccessFixture {
    static final String PASSWORD = "a-long-test-passphrase";
    static final String ADMIN_PASSWORD = TestNode.PASSWORD;

    final ArgusServer server;
    final ArgusClient admin;
    final Map<String, ArgusClient> clients = new LinkedHashMap<>();
    final String camA;
    final String camB;
    final String group;
    final String customRole;
    final String otherTenant;

    AccessFixture(TestNode node) {
        this.server = node.server();
        this.admin = node.api();
        camA = camera("cam-a");
        camB = camera("cam-b");
        group = id(ok(admin.post("/api/v1/camera-groups", "{\"name\":\"site-a\",\"cameraIds\":[\"" + camA + "\"]}")));
        customRole = id(ok(admin.post("/api/v1/roles", "{\"name\":\"site-a-24h\",\"permissions\":[{\"actions\":"
                + "[\"view-live\",\"playback\",\"export\"],\"groupIds\":[\"" + group + "\"],\"windowSeconds\":86400}]}")));
        user("tadm", "tenant-admin");
        user("oper", "operator");
        user("view", "viewer");
        user("audi", "auditor");
        user("cust", "site-a-24h");
        otherTenant = id(ok(admin.post("/api/v1/tenants", "{\"name\":\"other\",\"adminUsername\":\"othr\","
                + "\"adminPassword\":\"" + PASSWORD + "\"}")));
    }

    /** The logged-in client of a column ({@code sys}, {@code tadm}, …; {@code anon} has no token). */
    ArgusClient client(String column) {
        return switch (column) {
            case "sys" -> clients.computeIfAbsent("sys", k -> ArgusClient.local(server.httpPort()).login("admin",
                    ADMIN_PASSWORD));
            case "anon" -> admin.withToken(null);
            case "cusB" -> client("cust");
            case "othr" -> clients.computeIfAbsent("othr", k -> login("other", "othr"));
            default -> clients.computeIfAbsent(column, k -> login("default", k));
        };
    }

    /** Logs the column's user in again (after a logout row). */
    void relogin(String column) {
        clients.remove(column.equals("cusB") ? "cust" : column);
    }

    ArgusClient login(String tenant, String user) {
        Answer a = admin.withToken(null).post("/api/v1/auth/login", "{\"tenant\":\"" + tenant + "\",\"username\":\""
                + user + "\",\"password\":\"" + PASSWORD + "\"}");
        return admin.withToken(ok(a).get("token").asText());
    }

    String camera(String name) {
        return id(ok(admin.post("/api/v1/cameras", "{\"name\":\"" + name + "\",\"url\":\"rtsp://127.0.0.1:9/x\","
                + "\"enabled\":false}")));
    }

    /** A new camera, in the custom role's group or not. */
    String freshCamera(boolean inGroup) {
        String id = camera("c-" + UUID.randomUUID().toString().substring(0, 8));
        if (inGroup) {
            JsonNode g = ok(admin.get("/api/v1/camera-groups/" + group));
            StringBuilder ids = new StringBuilder("\"" + id + "\"");
            g.get("cameraIds").forEach(c -> ids.append(",\"").append(c.asText()).append('"'));
            ok(admin.send("PUT", "/api/v1/camera-groups/" + group, "{\"name\":\"site-a\",\"cameraIds\":[" + ids + "]}"));
        }
        return id;
    }

    String freshUser() {
        return id(ok(admin.post("/api/v1/users", "{\"username\":\"u-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"viewer\"]}")));
    }

    String freshRole() {
        return id(ok(admin.post("/api/v1/roles", "{\"name\":\"r-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"permissions\":[{\"actions\":[\"view-live\"],\"allCameras\":true}]}")));
    }

    String freshGroup() {
        return id(ok(admin.post("/api/v1/camera-groups", "{\"name\":\"g-" + UUID.randomUUID().toString()
                .substring(0, 8) + "\"}")));
    }

    private void user(String name, String role) {
        ok(admin.post("/api/v1/users", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD
                + "\",\"roles\":[\"" + role + "\"]}"));
    }

    static JsonNode ok(Answer a) {
        if (a.status() / 100 != 2) {
            throw new IllegalStateException("fixture request failed: " + a);
        }
        return a.json();
    }

    private static String id(JsonNode n) {
        return n.get("id").asText();
    }
}
