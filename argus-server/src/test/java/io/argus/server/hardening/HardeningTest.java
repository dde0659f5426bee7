package io.argus.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.server.ArgusServer;
import io.argus.server.config.ArgusConfig;
import io.argus.testkit.tier.E2e;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route, read from the running server, with malformed input: bad and hostile path ids and media file names
 * (traversal, encoded dots and slashes, injection strings, NUL, huge), bad query values (times, numbers, zones),
 * bad bodies (malformed JSON, wrong shapes and types, unknown fields, deep nesting, invalid UTF-8, oversized). Each
 * answer must be a 4xx with the standard JSON error and no trace of the server's internals; never a 500. The
 * walker is the system admin, who may reach every route; logout, which would end its token, is walked with
 * throwaway tokens.
 */
@E2e
class HardeningTest {
    static final String PASSWORD = "hardening-pw";
    static final ObjectMapper JSON = new ObjectMapper();

    static final List<String> BAD_IDS = List.of("not-a-uuid", "..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e",
            "%2e%2e%2f%2e%2e%2fmetadata", "..%5c..%5cwindows", "%00", "x%00y", "'%20OR%20'1'='1",
            "1;DROP%20TABLE%20cameras", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "00000000-0000-0000-0000-00000000000g",
            "ffffffff-ffff-ffff-ffff-ffffffffffff", "%E2%80%AE", "%ff%fe", "a".repeat(3000));
    static final List<String> BAD_QUERIES = List.of("from=yesterday&to=now", "from=2026-13-45T25:61:00Z&to=x",
            "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "from=%27%20OR%201%3D1--&to=1",
            "from=1970-01-01T00:00:00Z&to=9999-12-31T23:59:59Z", "day=2026-02-30&tz=Mars/Phobos",
            "day=%3Cscript%3E&tz=..%2F..%2Fetc", "width=-1&quality=1000", "width=abc&quality=x",
            "_HLS_msn=abc&_HLS_part=-5", "_HLS_msn=99999999999999999999", "_HLS_part=1", "limit=-1&cursor=x",
            "expiresInSeconds=abc", "gc=%00", "sig=%00%00", "sig=" + "A".repeat(4000), "user=" + "u".repeat(300),
            "camera=../../x", "action=%25");
    static final List<String> BAD_FILES = List.of("..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fpasswd",
            "..%5c..%5cboot.ini", "init.mp4%00.txt", "part-1.m4s", "part99999999999999999999.m4s",
            "99999999999999999999.m4s", "-1.m4s", "..", "%2e%2e", "x.mp4", "....%2F%2F....%2F%2Fetc",
            "00000000-0000-0000-0000-000000000000.mp4", "%3Cimg%20src%3Dx%3E.mp4", "a".repeat(2000) + ".mp4",
            "ffffffffffffffffff.m4s", "partffffffffffffffffff.m4s", "ffffffffffffffffff.mp4", "0x10.m4s");
    static final List<String> BAD_BODIES = List.of("{", "}", "[]", "null", "123", "\"text\"", "{\"a\":}",
            "{\"name\":5,\"url\":[],\"enabled\":\"yes\",\"transport\":{},\"username\":1,\"password\":true}",
            "{\"from\":5,\"to\":false,\"note\":[],\"expiresInSeconds\":\"x\"}",
            "{\"mode\":1,\"preBufferSeconds\":\"x\",\"retentionDays\":-5,\"at\":[]}",
            "{\"unknownField\":1}", "{\"name\":\"' OR 1=1 --\",\"url\":\"rtsp://x/<script>\"}",
            "{\"from\":\"2026-13-01T00:00:00Z\",\"to\":\"soon\"}", "{\"expiresInSeconds\":1e400}",
            "{\"expiresInSeconds\":99999999999999999999999}", "{\"name\":\"\\u0000\"}",
            "[".repeat(5000), "{\"a\":".repeat(3000));

    @TempDir
    static Path dir;
    static ArgusServer server;
    static String token;
    static String camera;
    static List<String> routes;
    static final String LOGOUT = "POST /api/v1/auth/logout";
    /** Path parameters that name something; each gets every hostile id in turn. */
    static final List<String> ID_PARAMS = List.of("bid", "file", "chunk", "uid", "rid", "gid", "tid", "tokenId");

    @BeforeAll
    static void start() {
        server = ArgusServer.start(ArgusConfig.ephemeral(dir, Map.of("admin.password", PASSWORD)));
        ArgusClient api = ArgusClient.local(server.httpPort()).login("admin", PASSWORD);
        token = api.token();
        Answer a = api.post("/api/v1/cameras", "{\"name\":\"hard\",\"url\":\"rtsp://127.0.0.1:1/x\"}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        camera = a.json().path("id").asText();
        assertThat(api.get("/api/v1/me").json().path("systemAdmin").asBoolean()).isTrue();
        routes = server.httpRoutes().stream().filter(r -> r.matches("(GET|POST|PUT|PATCH|DELETE) /.*"))
                .filter(r -> !r.equals(LOGOUT)).toList();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** What went wrong, per request, so one run reports every failure. */
    final List<String> failures = new ArrayList<>();

    void check(String method, String target, String contentType, byte[] body) throws Exception {
        check(token, method, target, contentType, body);
    }

    void check(String bearer, String method, String target, String contentType, byte[] body) throws Exception {
        RawHttp.Response r = RawHttp.send(server.httpPort(), method, target, bearer, contentType, body);
        judge(r, method + " " + (target.length() > 150 ? target.substring(0, 150) + "…" : target)
                + (body == null ? "" : " body " + new String(body, 0, Math.min(body.length, 60),
                StandardCharsets.UTF_8)));
    }

    /** Records what is wrong with answer {@code r} to the request described by {@code request}, if anything. */
    void judge(RawHttp.Response r, String request) {
        String what = request + " → " + r.status() + " " + r.body().substring(0, Math.min(200, r.body().length()));
        // 503 not_live is the honest answer for a well-formed request to a camera that is not streaming.
        if (r.status() >= 500 && !(r.status() == 503 && r.body().contains("\"not_live\""))) {
            failures.add("5xx: " + what);
            return;
        }
        if (r.status() < 400) {
            return;
        }
        if (!r.contentType().startsWith("application/json")) {
            failures.add("not JSON: " + what);
            return;
        }
        JsonNode n;
        try {
            n = JSON.readTree(r.body());
        } catch (Exception e) {
            failures.add("unparseable JSON: " + what);
            return;
        }
        if (!n.path("error").isTextual() || !n.path("message").isTextual()) {
            failures.add("not the error shape: " + what);
        }
        if (r.body().contains("Exception") || r.body().contains("\tat ") || r.body().contains("java.")
                || r.body().contains("org.eclipse") || r.body().contains("io.argus")) {
            failures.add("internals leaked: " + what);
        }
    }

    static String fill(String route, Map<String, String> params) {
        String out = route;
        for (Map.Entry<String, String> e : params.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue());
        }
        return out.replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000001");
    }

    static String method(String route) {
        return route.substring(0, route.indexOf(' '));
    }

    static String path(String route) {
        return route.substring(route.indexOf(' ') + 1);
    }

    @Test
    void theRouteListIsReadFromTheServer() {
        assertThat(routes).hasSizeGreaterThan(20).contains("GET /api/v1/cameras/{id}/export.mp4",
                "POST /api/v1/auth/login", "GET /api/v1/audit", "PATCH /api/v1/users/{uid}", "PUT /api/v1/roles/{rid}",
                "DELETE /api/v1/camera-groups/{gid}", "PATCH /api/v1/tenants/{tid}",
                "DELETE /api/v1/me/tokens/{tokenId}", "PUT /api/v1/me/password");
    }

    @Test
    void hostileIdsInEveryPathParameter() throws Exception {
        for (String route : routes) {
            String p = path(route);
            if (!p.contains("{")) {
                continue;
            }
            for (String bad : BAD_IDS) {
                Map<String, String> params = new LinkedHashMap<>();
                params.put("id", p.contains("{id}") && !p.matches(".*\\{id}.*\\{.*") ? bad : camera);
                ID_PARAMS.forEach(id -> params.put(id, bad));
                String m = method(route);
                check(m, fill(p, params), m.equals("GET") || m.equals("DELETE") ? null : "application/json",
                        m.equals("GET") || m.equals("DELETE") ? null : "{}".getBytes(StandardCharsets.UTF_8));
                params.put("id", bad);
                check(m, fill(p, params), null, null);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void traversalInMediaFileNames() throws Exception {
        for (String route : routes) {
            if (!route.contains("{file}") && !route.contains("{chunk}")) {
                continue;
            }
            for (String bad : BAD_FILES) {
                check("GET", fill(path(route), Map.of("id", camera, "file", bad, "chunk", bad)), null, null);
            }
        }
        for (String bad : BAD_FILES) {
            RawHttp.Response r = RawHttp.send(server.httpPort(), "GET", "/api/v1/cameras/" + camera
                    + "/media/live/" + bad, token, null, null);
            assertThat(r.status()).as("a malformed live file name is refused before liveness: " + bad)
                    .isBetween(400, 404);
        }
        for (String raw : List.of("/api/v1/cameras/" + camera + "/media/live/../../../../etc/passwd",
                "/api/v1/cameras/" + camera + "/media/chunks/..%2F..%2F..%2Fmetadata%2Fargus.mv.db",
                "/api/v1/cameras/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/api/v1/cameras/..;/..;/etc/passwd",
                "/api/v1/cameras/" + camera + "/media/live/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/api/v1/%2e%2e/%2e%2e/etc/passwd", "/api/v1/cameras//" + camera, "/api/v1/cameras/%00",
                "/api/v1/cameras/" + camera + "/media/live/init.mp4%00", "/api/v1/cameras/" + camera + "\\..\\x")) {
            check("GET", raw, null, null);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void badQueryValuesOnEveryGet() throws Exception {
        for (String route : routes) {
            if (!method(route).equals("GET")) {
                continue;
            }
            String p = fill(path(route), Map.of("id", camera, "file", "init.mp4", "chunk",
                    "00000000-0000-0000-0000-000000000001.mp4", "bid", "00000000-0000-0000-0000-000000000001"));
            for (String q : BAD_QUERIES) {
                check("GET", p + "?" + q, null, null);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void badBodiesOnEveryRouteThatTakesOne() throws Exception {
        byte[] huge = ("{\"note\":\"" + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] badUtf8 = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        for (String route : routes) {
            String m = method(route);
            if (m.equals("GET") || m.equals("DELETE")) {
                continue;
            }
            String p = fill(path(route), Map.of("id", camera));
            for (String body : BAD_BODIES) {
                check(m, p, "application/json", body.getBytes(StandardCharsets.UTF_8));
            }
            check(m, p, "application/json", huge);
            check(m, p, "application/json", badUtf8);
            check(m, p, "application/json", new byte[0]);
            check(m, p, "text/plain", "name=x".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void logoutWithHostileBodiesEndsOnlyItsOwnToken() throws Exception {
        for (String body : BAD_BODIES) {
            String throwaway = ArgusClient.local(server.httpPort()).login("admin", PASSWORD).token();
            check(throwaway, "POST", path(LOGOUT), "application/json", body.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(failures).isEmpty();
        assertThat(RawHttp.send(server.httpPort(), "GET", "/api/v1/me", token, null, null).status()).isEqualTo(200);
    }

    /**
     * Bodies whose framing is broken: a chunk size past 64 bits, one that is not hex, a chunked or a
     * Content-Length body cut short by the client. Each is the client's fault (4xx), and the server logs at most
     * a line for it, never a stack trace: a client could otherwise fill the log at will.
     */
    @Test
    void brokenBodyFramingIsA4xxAndAtMostOneLogLine() throws Exception {
        // Each framing, and whether the client then stops sending (the cut-short ones).
        Map<String, Map.Entry<String, Boolean>> framings = new LinkedHashMap<>();
        framings.put("chunk size past 64 bits", Map.entry(
                "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n{}\r\n0\r\n\r\n", false));
        framings.put("chunk size not hex", Map.entry("Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
                false));
        framings.put("chunked body cut short", Map.entry("Transfer-Encoding: chunked\r\n\r\n40\r\n{\"name\":",
                true));
        framings.put("Content-Length body cut short", Map.entry("Content-Length: 100\r\n\r\n{\"name\":", true));
        List<String> bodyRoutes = routes.stream().filter(r -> !method(r).equals("GET")
                && !method(r).equals("DELETE")).toList();
        int requests = 0;
        String log;
        try (StderrCapture capture = new StderrCapture()) {
            for (String route : bodyRoutes) {
                String target = fill(path(route), Map.of("id", camera));
                for (Map.Entry<String, Map.Entry<String, Boolean>> f : framings.entrySet()) {
                    String head = method(route) + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                            + "Connection: close\r\n";
                    RawHttp.Response r = RawHttp.sendRaw(server.httpPort(),
                            (head + f.getValue().getKey()).getBytes(StandardCharsets.ISO_8859_1),
                            f.getValue().getValue());
                    requests++;
                    judge(r, route + " with a " + f.getKey());
                    if (r.status() < 400) {
                        failures.add("accepted: " + route + " with a " + f.getKey() + " → " + r.status());
                    }
                }
            }
            log = capture.text();
        }
        assertThat(failures).isEmpty();
        assertThat(log).as("no stack trace for a client's broken body").doesNotContain("\tat ")
                .doesNotContain("Exception:");
        assertThat(log.lines().count()).as("at most a line per request").isLessThanOrEqualTo(requests);
    }

    @Test
    void malformedRequestLinesAndUnknownMethods() throws Exception {
        for (String m : List.of("PUT", "PATCH", "DELETE", "TRACE", "PROPFIND")) {
            check(m, "/api/v1/cameras", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        }
        check("GET", "/api/v1/no-such-thing", null, null);
        check("GET", "/api/v1/cameras?" + "x=" + "y".repeat(6000), null, null);
        assertThat(failures).isEmpty();
    }

    /**
     * Names and free text end up in logs, audit details, CSV exports and the UI: every one refuses CR, LF, NUL,
     * ESC, TAB and the C1 controls with a 400 naming its field.
     */
    @Test
    void controlCharactersInNamesAndTextAreRefusedNamingTheField() throws Exception {
        ArgusClient api = ArgusClient.local(server.httpPort()).withToken(token);
        String cam = "/api/v1/cameras/" + camera;
        String perms = ",\"permissions\":[{\"actions\":[\"view-live\"],\"allCameras\":true}]";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("name|POST /api/v1/tenants", "{\"name\":%s}");
        cases.put("name|POST /api/v1/me/tokens", "{\"name\":%s}");
        cases.put("username|POST /api/v1/users", "{\"username\":%s,\"password\":\"" + PASSWORD + "-long\"}");
        cases.put("name|POST /api/v1/roles", "{\"name\":%s" + perms + "}");
        cases.put("description|POST /api/v1/roles", "{\"name\":\"r-text\",\"description\":%s" + perms + "}");
        cases.put("name|POST /api/v1/camera-groups", "{\"name\":%s}");
        cases.put("name|POST /api/v1/cameras", "{\"name\":%s,\"url\":\"rtsp://127.0.0.1:1/y\"}");
        cases.put("note|POST " + cam + "/bookmarks", "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":"
                + "\"2026-01-01T00:01:00Z\",\"note\":%s}");
        cases.put("note|POST " + cam + "/events", "{\"note\":%s}");
        List<String> wrong = new ArrayList<>();
        for (var c : cases.entrySet()) {
            String field = c.getKey().substring(0, c.getKey().indexOf('|'));
            String route = c.getKey().substring(field.length() + 1);
            for (String value : List.of("line\r\nbreak", "nul\u0000byte", "esc\u001b[31mape", "tab\there",
                    "next\u0085line")) {
                Answer a = api.send(route.substring(0, route.indexOf(' ')), route.substring(route.indexOf(' ') + 1),
                        c.getValue().formatted(JSON.writeValueAsString(value)));
                JsonNode body = a.status() >= 400 ? a.json() : null;
                if (a.status() != 400 || !body.path("error").asText().equals("validation_failed")
                        || !body.path("fields").has(field)) {
                    wrong.add(route + " " + field + " " + JSON.writeValueAsString(value) + ": " + a.status() + " "
                            + a.body());
                }
            }
        }
        assertThat(wrong).as("names and texts that took a control character").isEmpty();
    }
}
