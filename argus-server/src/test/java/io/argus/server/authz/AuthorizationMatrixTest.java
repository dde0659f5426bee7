package io.argus.server.authz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.client.ArgusClient;
import io.argus.server.ArgusServer;
import io.argus.server.testing.TestNode;
import io.argus.testkit.tier.E2e;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The authorization spec as a table: every route and media path, and for each principal the class of answer it
 * must get. {@code ok} means the request got past authorization (2xx, or a 4xx/5xx about the request itself such
 * as 400, 409 or 503 not_live); {@code 401} no or a bad credential; {@code 403} a principal that can see the thing
 * but lacks the permission; {@code 404} a camera (or user, role, group) the principal cannot see, exactly as if it
 * did not exist. The columns:
 *
 * <ul>
 *   <li>{@code sys} system-admin, {@code tadm} tenant-admin, {@code oper} operator, {@code view} viewer,
 *       {@code audi} auditor;</li>
 *   <li>{@code cust} a custom role with view-live, playback and export on camera group "site-a" (camera A) for the
 *       last 24 hours, on camera A; {@code cusB} the same user on camera B, outside its group;</li>
 *   <li>{@code othr} the tenant-admin of another tenant; {@code anon} no token.</li>
 * </ul>
 *
 * A route registered without a row here, or around the route registry, fails {@link #everyRouteIsInTheSpec}.
 */
@E2e
class AuthorizationMatrixTest {
    static final List<String> COLUMNS = List.of("sys", "tadm", "oper", "view", "audi", "cust", "cusB", "othr", "anon");

    static final List<Row> SPEC = List.of(
            //  route                                                  sys tadm oper view audi cust cusB othr anon
            row("GET /api/v1/health",                                 "ok  ok   ok   ok   ok   ok   ok   ok   ok"),
            row("GET /readyz",                                        "ok  ok   ok   ok   ok   ok   ok   ok   ok"),
            row("GET /api/v1/openapi.json",                           "ok  ok   ok   ok   ok   ok   ok   ok   ok"),
            row("GET /metrics",                                       "ok  403  403  403  403  403  403  403  401"),
            row("POST /api/v1/auth/login",                            "ok  ok   ok   ok   ok   ok   ok   ok   ok")
                    .body("{\"username\":\"nobody\"}"),
            row("GET /api/v1/me",                                     "ok  ok   ok   ok   ok   ok   ok   ok   401"),
            row("PUT /api/v1/me/password",                            "ok  ok   ok   ok   ok   ok   ok   ok   401")
                    .body("{\"currentPassword\":\"wrong\",\"newPassword\":\"x\"}"),
            row("GET /api/v1/me/tokens",                              "ok  ok   ok   ok   ok   ok   ok   ok   401"),
            row("POST /api/v1/me/tokens",                             "ok  ok   ok   ok   ok   ok   ok   ok   401")
                    .body("{\"name\":\"matrix\",\"expiresInDays\":1}"),
            row("DELETE /api/v1/me/tokens/{tokenId}",                 "ok  ok   ok   ok   ok   ok   ok   ok   401"),
            row("POST /api/v1/auth/logout",                           "ok  ok   ok   ok   ok   ok   ok   ok   401")
                    .logsOut(),
            // Cameras: the list shows each caller what it can see; other routes name camera A (cusB: camera B).
            row("GET /api/v1/cameras",                                "ok  ok   ok   ok   ok   ok   ok   ok   401"),
            row("POST /api/v1/cameras",                               "ok  ok   403  403  403  403  403  ok   401")
                    .body("{}"),
            row("POST /api/v1/cameras/test",                          "ok  ok   403  403  403  403  403  ok   401")
                    .body("{}"),
            row("GET /api/v1/cameras/{id}",                           "ok  ok   ok   ok   404  ok   404  404  401"),
            row("PATCH /api/v1/cameras/{id}",                         "ok  ok   403  403  404  403  404  404  401")
                    .body("{\"name\":\"\"}"),
            row("DELETE /api/v1/cameras/{id}",                        "ok  ok   403  403  404  403  404  404  401")
                    .freshCamera(),
            row("GET /api/v1/cameras/{id}/recording",                 "ok  ok   ok   ok   404  ok   404  404  401"),
            row("PUT /api/v1/cameras/{id}/recording",                 "ok  ok   403  403  404  403  404  404  401")
                    .body("{\"mode\":\"bogus\"}"),
            row("POST /api/v1/cameras/{id}/events",                   "ok  ok   ok   403  404  403  404  404  401")
                    .body("{\"at\":\"bogus\"}"),
            row("POST /api/v1/cameras/{id}/media-urls",               "ok  ok   ok   ok   404  ok   404  404  401"),
            // A publish URL (WHIP with ?sig=) is minted only by who may publish there: manage-cameras on the camera.
            row("POST /api/v1/cameras/{id}/publish-url",              "ok  ok   403  403  404  403  404  404  401"),
            // Analytics and events: settings like recording settings; events of the cameras the caller sees.
            row("GET /api/v1/cameras/{id}/analytics",                 "ok  ok   ok   ok   404  ok   404  404  401"),
            row("PUT /api/v1/cameras/{id}/analytics",                 "ok  ok   403  403  404  403  404  404  401")
                    .body("{}"),
            row("GET /api/v1/events",                                 "ok  ok   ok   ok   ok   ok   ok   ok   401"),
            row("GET /api/v1/events/stream",                          "ok  ok   ok   ok   ok   ok   ok   ok   401"),
            row("GET /api/v1/cameras/{id}/events/{event}/thumbnail.jpg", "ok  ok   ok   ok   404  ok   404  404  401"),
            row("GET /api/v1/cameras/{id}/recordings",                "ok  ok   ok   ok   404  ok   404  404  401")
                    .lastHour(),
            row("GET /api/v1/cameras/{id}/timeline",                  "ok  ok   ok   ok   404  ok   404  404  401")
                    .query("day=" + LocalDate.now(ZoneOffset.UTC)),
            row("GET /api/v1/cameras/{id}/bookmarks",                 "ok  ok   ok   ok   404  ok   404  404  401"),
            row("POST /api/v1/cameras/{id}/bookmarks",                "ok  ok   ok   403  404  403  404  404  401")
                    .body("{}"),
            row("DELETE /api/v1/cameras/{id}/bookmarks/{bid}",        "ok  ok   ok   403  404  403  404  404  401"),
            // Media paths (these also take ?sig=, checked the same way by signedMediaUrlsCarryTheirUsersRights).
            row("GET /api/v1/cameras/{id}/snapshot.jpg",              "ok  ok   ok   ok   404  ok   404  404  401"),
            row("GET /api/v1/cameras/{id}/live.m3u8",                 "ok  ok   ok   ok   404  ok   404  404  401"),
            row("GET /api/v1/cameras/{id}/media/live/{file}",         "ok  ok   ok   ok   404  ok   404  404  401"),
            row("WS /api/v1/cameras/{id}/live.ws",                    "ok  ok   ok   ok   404  ok   404  404  401"),
            row("POST /api/v1/cameras/{id}/whep",                     "ok  ok   ok   ok   404  ok   404  404  401")
                    .body("v=0"),
            row("DELETE /api/v1/cameras/{id}/whep/{session}",         "ok  ok   ok   ok   404  ok   404  404  401"),
            // WHIP publishes to a camera by name (here camera A's id), as RTSP/RTMP/SRT publishers do: manage-cameras
            // on it; another tenant's admin finds no such camera in its own tenant and would create one there.
            row("POST /api/v1/whip/{name}",                           "ok  ok   403  403  404  403  404  ok   401")
                    .body("v=0"),
            row("DELETE /api/v1/whip/{name}/{session}",               "ok  ok   403  403  404  403  404  ok   401"),
            row("GET /api/v1/cameras/{id}/playback.m3u8",             "ok  ok   ok   ok   404  ok   404  404  401")
                    .lastHour(),
            row("GET /api/v1/cameras/{id}/media/chunks/{chunk}",      "ok  ok   ok   ok   404  ok   404  404  401"),
            row("GET /api/v1/cameras/{id}/media/renditions/{segment}", "ok  ok   ok   ok   404  ok   404  404  401")
                    .fresh("segment", f -> "1000-0.m4s"),
            row("GET /api/v1/cameras/{id}/export.mp4",                "ok  ok   ok   403  404  ok   404  404  401")
                    .lastHour(),
            // Integrity and evidence: playback and export rights, within the time window (token only).
            row("GET /api/v1/cameras/{id}/verify",                    "ok  ok   ok   ok   404  ok   404  404  401")
                    .lastHour(),
            row("POST /api/v1/cameras/{id}/verify",                   "ok  ok   ok   ok   404  ok   404  404  401")
                    .lastHour(),
            row("GET /api/v1/cameras/{id}/evidence",                  "ok  ok   ok   403  404  ok   404  404  401")
                    .lastHour(),
            // Keys: the master key is the node's (system administration); a tenant's data key its admin's.
            row("POST /api/v1/keys/rotate-master",                    "ok  403  403  403  403  403  403  403  401"),
            row("POST /api/v1/keys/rotate-data",                      "ok  ok   403  403  403  403  403  ok   401"),
            // ONVIF: onboarding is camera management; PTZ the ptz action on the camera (the fixture's cameras are
            // not ONVIF devices', so past authorization the answer is 404 about the camera, counted as ok below).
            row("POST /api/v1/onvif/discover",                        "ok  ok   403  403  403  403  403  ok   401")
                    .body("{\"address\":\"127.0.0.1:9\"}"),
            row("GET /api/v1/onvif/devices",                          "ok  ok   403  403  403  403  403  ok   401"),
            row("POST /api/v1/onvif/devices",                         "ok  ok   403  403  403  403  403  ok   401")
                    .body("{}"),
            row("POST /api/v1/onvif/devices/bulk",                    "ok  ok   403  403  403  403  403  ok   401")
                    .body("{}"),
            row("DELETE /api/v1/onvif/devices/{did}",                 "ok  ok   403  403  403  403  403  ok   401"),
            row("POST /api/v1/cameras/{id}/ptz/move",                 "ok  ok   ok   403  404  403  404  404  401")
                    .body("{\"pan\":0.1}"),
            row("POST /api/v1/cameras/{id}/ptz/stop",                 "ok  ok   ok   403  404  403  404  404  401"),
            row("POST /api/v1/cameras/{id}/ptz/home",                 "ok  ok   ok   403  404  403  404  404  401"),
            row("GET /api/v1/cameras/{id}/ptz/presets",               "ok  ok   ok   403  404  403  404  404  401"),
            row("POST /api/v1/cameras/{id}/ptz/presets",              "ok  ok   ok   403  404  403  404  404  401")
                    .body("{\"name\":\"p\"}"),
            row("POST /api/v1/cameras/{id}/ptz/presets/{token}/goto", "ok  ok   ok   403  404  403  404  404  401"),
            row("DELETE /api/v1/cameras/{id}/ptz/presets/{token}",    "ok  ok   ok   403  404  403  404  404  401"),
            row("GET /api/v1/cameras/{id}/onvif/events",              "ok  ok   ok   ok   404  ok   404  404  401"),
            // Webhooks send any camera's events out of the node: manage-cameras on the whole tenant.
            row("GET /api/v1/webhooks",                               "ok  ok   403  403  403  403  403  ok   401"),
            row("POST /api/v1/webhooks",                              "ok  ok   403  403  403  403  403  ok   401")
                    .body("{}"),
            row("DELETE /api/v1/webhooks/{wid}",                      "ok  ok   403  403  403  403  403  ok   401"),
            row("GET /api/v1/webhooks/{wid}/deadletters",             "ok  ok   403  403  403  403  403  ok   401"),
            // The node: every tenant's cameras at once, so the system admin's only.
            row("GET /api/v1/node/stats",                             "ok  403  403  403  403  403  403  403  401"),
            row("POST /api/v1/node/stats/reset",                      "ok  403  403  403  403  403  403  403  401"),
            row("GET /api/v1/transcodes",                             "ok  403  403  403  403  403  403  403  401"),
            row("GET /api/v1/node",                                   "ok  403  403  403  403  403  403  403  401"),
            row("GET /api/v1/cluster",                                "ok  403  403  403  403  403  403  403  401"),
            row("GET /api/v1/storage",                                "ok  403  403  403  403  403  403  403  401"),
            row("GET /api/v1/storage/status",                         "ok  403  403  403  403  403  403  403  401"),
            row("POST /api/v1/storage/mover/run",                     "ok  403  403  403  403  403  403  403  401"),
            // Storage policies, defaults and usage: the tenant's storage settings, for camera managers.
            row("GET /api/v1/storage/policies",                       "ok  ok   403  403  403  403  403  ok   401"),
            row("POST /api/v1/storage/policies",                      "ok  ok   403  403  403  403  403  ok   401")
                    .body("{}"),
            row("GET /api/v1/storage/policies/{pid}",                 "ok  ok   403  403  403  403  403  ok   401"),
            row("PUT /api/v1/storage/policies/{pid}",                 "ok  ok   403  403  403  403  403  ok   401")
                    .body("{}"),
            row("DELETE /api/v1/storage/policies/{pid}",              "ok  ok   403  403  403  403  403  ok   401"),
            row("GET /api/v1/storage/default-policy",                 "ok  ok   403  403  403  403  403  ok   401"),
            row("PUT /api/v1/storage/default-policy",                 "ok  ok   403  403  403  403  403  ok   401")
                    .body("{\"policyId\":\"bogus\"}"),
            row("GET /api/v1/storage/usage",                          "ok  ok   403  403  403  403  403  ok   401"),
            row("GET /api/v1/cameras/{id}/storage-policy",            "ok  ok   ok   ok   404  ok   404  404  401"),
            row("PUT /api/v1/cameras/{id}/storage-policy",            "ok  ok   403  403  404  403  404  404  401")
                    .body("{\"policyId\":\"bogus\"}"),
            row("POST /api/v1/cameras/{id}/restore",                  "ok  ok   ok   403  404  403  404  404  401")
                    .lastHour(),
            row("POST /api/v1/cameras/{id}/promote",                  "ok  ok   ok   403  404  403  404  404  401")
                    .lastHour(),
            // Tenants: system administration.
            row("GET /api/v1/tenants",                                "ok  403  403  403  403  403  403  403  401"),
            row("POST /api/v1/tenants",                               "ok  403  403  403  403  403  403  403  401")
                    .body("{}"),
            row("GET /api/v1/tenants/{tid}",                          "ok  403  403  403  403  403  403  403  401"),
            row("PATCH /api/v1/tenants/{tid}",                        "ok  403  403  403  403  403  403  403  401")
                    .body("{\"disabled\":false}"),
            // Users, roles, camera groups: inside the caller's tenant; another tenant's admin gets 404 for ours.
            row("GET /api/v1/users",                                  "ok  ok   403  403  403  403  403  ok   401"),
            row("POST /api/v1/users",                                 "ok  ok   403  403  403  403  403  ok   401")
                    .body("{}"),
            row("GET /api/v1/users/{uid}",                            "ok  ok   403  403  403  403  403  404  401"),
            row("PATCH /api/v1/users/{uid}",                          "ok  ok   403  403  403  403  403  404  401")
                    .body("{\"disabled\":false}").fresh("uid", AccessFixture::freshUser),
            row("DELETE /api/v1/users/{uid}",                         "ok  ok   403  403  403  403  403  404  401")
                    .fresh("uid", AccessFixture::freshUser),
            row("GET /api/v1/roles",                                  "ok  ok   403  403  403  403  403  ok   401"),
            row("POST /api/v1/roles",                                 "ok  ok   403  403  403  403  403  ok   401")
                    .body("{}"),
            row("GET /api/v1/roles/{rid}",                            "ok  ok   403  403  403  403  403  404  401"),
            row("PUT /api/v1/roles/{rid}",                            "ok  ok   403  403  403  403  403  404  401")
                    .body("{}"),
            row("DELETE /api/v1/roles/{rid}",                         "ok  ok   403  403  403  403  403  404  401")
                    .fresh("rid", AccessFixture::freshRole),
            row("GET /api/v1/camera-groups",                          "ok  ok   403  403  403  403  403  ok   401"),
            row("POST /api/v1/camera-groups",                         "ok  ok   403  403  403  403  403  ok   401")
                    .body("{}"),
            row("GET /api/v1/camera-groups/{gid}",                    "ok  ok   403  403  403  403  403  404  401"),
            row("PUT /api/v1/camera-groups/{gid}",                    "ok  ok   403  403  403  403  403  404  401")
                    .body("{}"),
            row("DELETE /api/v1/camera-groups/{gid}",                 "ok  ok   403  403  403  403  403  404  401")
                    .fresh("gid", AccessFixture::freshGroup),
            // The audit log: the caller's tenant's chain (the other tenant's admin reads its own).
            row("GET /api/v1/audit",                                  "ok  ok   403  403  ok   403  403  ok   401"),
            row("GET /api/v1/audit/export",                           "ok  ok   403  403  ok   403  403  ok   401"),
            row("GET /api/v1/audit/verify",                           "ok  ok   403  403  ok   403  403  ok   401"));

    @RegisterExtension
    static final TestNode node = TestNode.bare();
    static ArgusServer server;
    static AccessFixture fx;

    @BeforeAll
    static void start() {
        server = node.server();
        fx = new AccessFixture(node);
    }

    @Test
    void everyRouteIsInTheSpecAndEveryRouteGoesThroughTheRegistry() {
        List<String> registry = server.http().routes().stream().map(e -> e.method() + " " + e.path()).toList();
        TreeSet<String> spec = SPEC.stream().map(Row::route).collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(registry)).as("routes in the registry vs. rows of the spec").isEqualTo(spec);
        assertThat(new TreeSet<>(server.http().javalinRoutes()))
                .as("Javalin's routes vs. the registry (a route registered around the Routes registry shows up here)")
                .isEqualTo(new TreeSet<>(registry));
        assertThat(registry).doesNotHaveDuplicates();
    }

    @Test
    void everyPrincipalGetsExactlyWhatTheSpecSays() {
        List<String> wrong = new ArrayList<>();
        for (Row row : SPEC) {
            for (int i = 0; i < COLUMNS.size(); i++) {
                String col = COLUMNS.get(i);
                String got = classify(row, col, null);
                if (!got.equals(row.expect.get(i))) {
                    wrong.add(row.route() + " as " + col + ": expected " + row.expect.get(i) + ", got " + got);
                }
            }
        }
        assertThat(wrong).as("cells of the matrix that do not hold").isEmpty();
    }

    @Test
    void signedMediaUrlsCarryTheirUsersRights() {
        List<String> wrong = new ArrayList<>();
        for (String col : List.of("sys", "tadm", "oper", "view", "cust")) {
            JsonNode urls = AccessFixture.ok(fx.client(col).post("/api/v1/cameras/" + fx.camA + "/media-urls", "{}"));
            String sig = urls.get("sig").asText();
            for (Row row : SPEC) {
                if (!row.media()) {
                    continue;
                }
                String got = classify(row, col, sig);
                String expected = row.expect.get(COLUMNS.indexOf(col));
                if (!got.equals(expected)) {
                    wrong.add(row.route() + " signed by " + col + ": expected " + expected + ", got " + got);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * A signed URL opens what its minting credential may do itself: the tenant admin's token scoped to one media
     * action mints URLs that open that action's paths and are refused (403) on the others.
     */
    @Test
    void signedMediaUrlsCarryTheirTokensScopes() {
        List<String> wrong = new ArrayList<>();
        ArgusClient tadm = fx.login("default", "tadm");
        for (String scope : List.of("view-live", "playback", "export")) {
            String token = AccessFixture.ok(tadm.post("/api/v1/me/tokens", "{\"name\":\"only-" + scope
                    + "\",\"scopes\":[\"" + scope + "\"]}")).get("token").asText();
            String sig = AccessFixture.ok(tadm.withToken(token).post("/api/v1/cameras/" + fx.camA + "/media-urls",
                    "{}")).get("sig").asText();
            for (Row row : SPEC) {
                if (!row.media()) {
                    continue;
                }
                String expected = row.mediaAction().equals(scope) ? "ok" : "403";
                String got = classify(row, "tadm", sig);
                if (!got.equals(expected)) {
                    wrong.add(row.route() + " signed with a " + scope + " token: expected " + expected + ", got "
                            + got);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * The two kinds of signed URL never cross: a publish URL opens WHIP into its camera and none of the camera's
     * media paths (403), and a viewing URL, even one minted by an admin who could publish, never opens WHIP (403).
     */
    @Test
    void publishUrlsOnlyPublishAndViewingUrlsNeverDo() {
        List<String> wrong = new ArrayList<>();
        ArgusClient tadm = fx.client("tadm");
        String publish = AccessFixture.ok(tadm.post("/api/v1/cameras/" + fx.camA + "/publish-url", "{}"))
                .get("sig").asText();
        String view = AccessFixture.ok(tadm.post("/api/v1/cameras/" + fx.camA + "/media-urls", "{}"))
                .get("sig").asText();
        for (Row row : SPEC) {
            if (!row.media() && !row.whip()) {
                continue;
            }
            String got = classify(row, "tadm", publish);
            String expected = row.whip() ? "ok" : "403";
            if (!got.equals(expected)) {
                wrong.add(row.route() + " with a publish URL: expected " + expected + ", got " + got);
            }
            if (row.whip() && !(got = classify(row, "tadm", view)).equals("403")) {
                wrong.add(row.route() + " with a viewing URL: expected 403, got " + got);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aSignedUrlStopsWhenItsUserLosesTheRightOrIsDisabled() {
        String uid = fx.freshUser();
        ArgusClient u = fx.login("default", userName(uid));
        String sig = AccessFixture.ok(u.post("/api/v1/cameras/" + fx.camA + "/media-urls", "{}")).get("sig").asText();
        String snapshot = "/api/v1/cameras/" + fx.camA + "/snapshot.jpg?sig=" + sig;
        assertThat(fx.admin.withToken(null).get(snapshot).status()).isEqualTo(503);
        AccessFixture.ok(fx.admin.patch("/api/v1/users/" + uid, "{\"roles\":[\"auditor\"]}"));
        assertThat(fx.admin.withToken(null).get(snapshot).status()).isEqualTo(404);
        AccessFixture.ok(fx.admin.patch("/api/v1/users/" + uid, "{\"roles\":[\"viewer\"],\"disabled\":true}"));
        Answer a = fx.admin.withToken(null).get(snapshot);
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.json().get("message").asText()).contains("can no longer");
    }

    @Test
    void theCustomRolesTimeWindowBoundsPlaybackAndExport() {
        ArgusClient cust = fx.client("cust");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String inside = "?from=" + now.minus(Duration.ofHours(23)) + "&to=" + now.minus(Duration.ofHours(22));
        String before = "?from=" + now.minus(Duration.ofHours(25)) + "&to=" + now.minus(Duration.ofHours(23));
        String base = "/api/v1/cameras/" + fx.camA;
        assertThat(cust.get(base + "/playback.m3u8" + inside).status()).isEqualTo(404);
        assertThat(cust.get(base + "/export.mp4" + inside).status()).isEqualTo(404);
        Answer p = cust.get(base + "/playback.m3u8" + before);
        assertThat(p.status()).as(p.toString()).isEqualTo(403);
        assertThat(p.json().get("message").asText()).contains("only");
        assertThat(cust.get(base + "/export.mp4" + before).status()).isEqualTo(403);
        assertThat(fx.client("oper").get(base + "/export.mp4" + before).status()).isEqualTo(404);
        String sig = AccessFixture.ok(cust.post(base + "/media-urls", "{}")).get("sig").asText();
        assertThat(fx.admin.withToken(null).get(base + "/playback.m3u8" + before + "&sig=" + sig).status())
                .isEqualTo(403);
    }

    private static String userName(String uid) {
        return AccessFixture.ok(fx.admin.get("/api/v1/users/" + uid)).get("username").asText();
    }

    /** Sends the row's request as {@code col} (with {@code sig} instead of a token when given) and classifies it. */
    private static String classify(Row row, String col, String sig) {
        String camera = col.equals("cusB") ? fx.camB : fx.camA;
        String path = row.path;
        if (row.freshCamera) {
            camera = fx.freshCamera(!col.equals("cusB"));
        }
        for (var f : row.fresh.entrySet()) {
            path = path.replace(f.getKey(), f.getValue().apply(fx, col));
        }
        path = path.replace("{id}", camera).replace("{name}", camera).replace("{bid}", UUID.randomUUID().toString())
                .replace("{pid}", UUID.randomUUID().toString()).replace("{did}", UUID.randomUUID().toString())
                .replace("{wid}", UUID.randomUUID().toString())
                .replace("{token}", "preset1")
                .replace("{chunk}", "1000.mp4").replace("{session}", "0123456789abcdef").replace("{file}", "init.mp4").replace("{tid}", fx.otherTenant)
                .replace("{gid}", fx.group).replace("{rid}", fx.customRole)
                .replace("{event}", UUID.randomUUID().toString());
        if (path.contains("{uid}")) {
            path = path.replace("{uid}", AccessFixture.ok(fx.admin.get("/api/v1/users")).get(0).get("id").asText());
        }
        ArgusClient client = sig != null ? fx.admin.withToken(null) : fx.client(col);
        if (path.contains("{tokenId}")) {
            String token = col.equals("anon") ? UUID.randomUUID().toString()
                    : AccessFixture.ok(client.post("/api/v1/me/tokens", "{\"name\":\"x\"}")).get("id").asText();
            path = path.replace("{tokenId}", token);
        }
        String query = row.query == null ? "" : "?" + row.query.get();
        if (sig != null) {
            query += (query.isEmpty() ? "?" : "&") + "sig=" + sig;
        }
        String got = row.method.equals("WS") ? websocket(client, path + query)
                : classify(client.send(row.method, path + query, row.body));
        if (row.logsOut && sig == null) {
            fx.relogin(col);
        }
        return got;
    }

    private static String classify(Answer a) {
        String error = a.contentType().startsWith("application/json") && !a.body().isEmpty()
                && a.json().has("error") ? a.json().get("error").asText() : "";
        String message = error.isEmpty() ? "" : a.json().get("message").asText();
        if (a.status() == 401 && error.equals("unauthorized")) {
            return "401";
        }
        if (a.status() == 403 && error.equals("forbidden")) {
            return "403";
        }
        if (a.status() == 404 && Arrays.stream(new String[] {"no camera with id", "no user with id", "no role with id",
                "no camera group with id", "no tenant with id"}).anyMatch(message::startsWith)) {
            return "404";
        }
        if (a.status() >= 500 && a.status() != 503) {
            return "error " + a;
        }
        return "ok";
    }

    /** A WebSocket upgrade: 401/403/404 as for HTTP; any other answer (503 not_live, or an open socket) is ok. */
    private static String websocket(ArgusClient client, String pathAndQuery) {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
        if (client.token() != null) {
            b.header("Authorization", "Bearer " + client.token());
        }
        try {
            WebSocket ws = b.buildAsync(URI.create("ws://127.0.0.1:" + server.httpPort() + pathAndQuery),
                    new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
            ws.abort();
            return "ok";
        } catch (Exception e) {
            Throwable t = e instanceof CompletionException || e.getCause() != null ? e.getCause() : e;
            if (t instanceof WebSocketHandshakeException h) {
                int s = h.getResponse().statusCode();
                return s == 401 || s == 403 || s == 404 ? Integer.toString(s) : "ok";
            }
            return "error " + e;
        }
    }

    static Row row(String route, String expect) {
        return new Row(route, expect);
    }

    /** One route of the spec and the answer class each column must get. */
    static final class Row {
        final String method;
        final String path;
        final List<String> expect;
        String body;
        java.util.function.Supplier<String> query;
        boolean freshCamera;
        boolean logsOut;
        final Map<String, BiFunction<AccessFixture, String, String>> fresh = new java.util.LinkedHashMap<>();

        Row(String route, String expect) {
            this.method = route.substring(0, route.indexOf(' '));
            this.path = route.substring(route.indexOf(' ') + 1);
            this.expect = List.of(expect.trim().split("\\s+"));
            if (this.expect.size() != COLUMNS.size()) {
                throw new IllegalArgumentException(route + ": " + this.expect.size() + " cells");
            }
        }

        String route() {
            return method + " " + path;
        }

        boolean media() {
            return path.matches(".*/(snapshot\\.jpg|live\\.m3u8|live\\.ws|playback\\.m3u8|export\\.mp4|media/.*|whep(/.*)?)");
        }

        /** WHIP's paths, which a publish URL opens. */
        boolean whip() {
            return path.startsWith("/api/v1/whip/");
        }

        /** The action a media path needs. */
        String mediaAction() {
            return path.matches(".*/(playback\\.m3u8|media/chunks/.*|media/renditions/.*)") ? "playback"
                    : path.endsWith("/export.mp4") ? "export" : "view-live";
        }

        Row body(String b) {
            body = b;
            return this;
        }

        Row query(String q) {
            query = () -> q;
            return this;
        }

        /** {@code from}–{@code to}: the last hour, inside every time window. */
        Row lastHour() {
            query = () -> {
                Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                return "from=" + now.minus(Duration.ofHours(1)) + "&to=" + now;
            };
            return this;
        }

        /** A camera made for this request (in the custom role's group, except for cusB), as it is deleted. */
        Row freshCamera() {
            freshCamera = true;
            return this;
        }

        /** A {@code param} made for this request (it is changed or deleted). */
        Row fresh(String param, java.util.function.Function<AccessFixture, String> make) {
            fresh.put("{" + param + "}", (f, col) -> make.apply(f));
            return this;
        }

        Row logsOut() {
            logsOut = true;
            return this;
        }
    }
}
