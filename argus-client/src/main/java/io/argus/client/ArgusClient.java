package io.argus.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A client of one Argus node's REST API. Immutable: {@link #login}, {@link #withToken} and {@link #withTenant}
 * return a new client, so one logged-in client can be shared by threads.
 *
 * <p>Two levels: typed calls ({@link #cameras()}, {@link #addCamera} …) that throw {@link ArgusApiException} on an
 * error answer, and {@link #send} for any route, which returns the {@link Answer} whatever its status (what the
 * tests of refusals need).
 */
public final class ArgusClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Long enough for an export or a verification of a long range; a stalled node still ends the call. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final String base;
    private final String token;
    private final String tenant;

    private ArgusClient(HttpClient http, String base, String token, String tenant) {
        this.http = http;
        this.base = base;
        this.token = token;
        this.tenant = tenant;
    }

    /** A client of {@code base} ({@code http://host:8080}), not logged in. */
    public static ArgusClient of(String base) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return new ArgusClient(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build(), b, null, null);
    }

    /** A client of the node on this machine's loopback at {@code port}. */
    public static ArgusClient local(int port) {
        return of("http://127.0.0.1:" + port);
    }

    /** Logs in to the default tenant; the returned client sends the session token. */
    public ArgusClient login(String user, String password) {
        return login(null, user, password);
    }

    /** Logs in to {@code tenantName} (null: the default tenant). */
    public ArgusClient login(String tenantName, String user, String password) {
        ObjectNode body = Answer.JSON.createObjectNode().put("username", user).put("password", password);
        if (tenantName != null) {
            body.put("tenant", tenantName);
        }
        JsonNode r = call("POST", "/api/v1/auth/login", body);
        return withToken(r.get("token").asText());
    }

    /** The same node with {@code t} as the bearer token (null: none). */
    public ArgusClient withToken(String t) {
        return new ArgusClient(http, base, t, tenant);
    }

    /** The same node and token acting in another tenant ({@code X-Argus-Tenant}, system admins only). */
    public ArgusClient withTenant(String tenantId) {
        return new ArgusClient(http, base, token, tenantId);
    }

    public String token() {
        return token;
    }

    public String base() {
        return base;
    }

    /** Whether the node answers its health check; false when it cannot be reached. */
    public boolean healthy() {
        try {
            return send("GET", "/api/v1/health", null).status() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    public List<JsonNode> cameras() {
        return list(call("GET", "/api/v1/cameras", null));
    }

    /** The camera named {@code name}, if the caller can see one. */
    public Optional<JsonNode> camera(String name) {
        return cameras().stream().filter(c -> name.equals(c.path("name").asText())).findFirst();
    }

    /** Adds a camera pulling {@code url}; {@code transport} auto, tcp or udp (null: the server's default). */
    public JsonNode addCamera(String name, String url, String transport) {
        return call("POST", "/api/v1/cameras", camera(name, url, transport));
    }

    /** {@link #addCamera} without waiting: for adding many cameras at once. */
    public CompletableFuture<JsonNode> addCameraAsync(String name, String url, String transport) {
        return callAsync("POST", "/api/v1/cameras", camera(name, url, transport));
    }

    /** Creates camera {@code name} pulling {@code url}, or points the existing one there and enables it. */
    public JsonNode upsertCamera(String name, String url) {
        ObjectNode body = Answer.JSON.createObjectNode().put("name", name).put("url", url).put("enabled", true);
        Optional<JsonNode> existing = camera(name);
        return existing.isPresent() ? call("PATCH", "/api/v1/cameras/" + existing.get().get("id").asText(), body)
                : call("POST", "/api/v1/cameras", body);
    }

    /** The camera's recording settings and state. */
    public JsonNode recording(String cameraId) {
        return call("GET", "/api/v1/cameras/" + cameraId + "/recording", null);
    }

    public CompletableFuture<JsonNode> setRecordingAsync(String cameraId, String mode) {
        return callAsync("PUT", "/api/v1/cameras/" + cameraId + "/recording",
                Answer.JSON.createObjectNode().put("mode", mode));
    }

    /** Node figures ({@code GET /api/v1/node/stats}); {@code gcFirst} collects garbage first. */
    public JsonNode nodeStats(boolean gcFirst) {
        return call("GET", "/api/v1/node/stats" + (gcFirst ? "?gc=true" : ""), null);
    }

    public void resetNodeStats() {
        call("POST", "/api/v1/node/stats/reset", Answer.JSON.createObjectNode());
    }

    /** Bytes and projected cost per storage tier and camera. */
    public JsonNode storageUsage() {
        return call("GET", "/api/v1/storage/usage", null);
    }

    /** The tier mover's state and alert. */
    public JsonNode storageStatus() {
        return call("GET", "/api/v1/storage/status", null);
    }

    /** Runs a tier mover pass now and returns its state after. */
    public JsonNode runMover() {
        return call("POST", "/api/v1/storage/mover/run", Answer.JSON.createObjectNode());
    }

    public Answer get(String path) {
        return send("GET", path, null);
    }

    public Answer post(String path, String body) {
        return send("POST", path, body);
    }

    public Answer put(String path, String body) {
        return send("PUT", path, body);
    }

    public Answer patch(String path, String body) {
        return send("PATCH", path, body);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null);
    }

    /** The camera's live snapshot ({@code GET /api/v1/cameras/{id}/snapshot.jpg}): a JPEG. */
    public byte[] snapshot(String cameraId) {
        String path = "/api/v1/cameras/" + cameraId + "/snapshot.jpg";
        try {
            HttpResponse<byte[]> r = http.send(request("GET", path, null), HttpResponse.BodyHandlers.ofByteArray());
            check("GET " + path, new Answer(r.statusCode(), r.statusCode() / 100 == 2 ? ""
                    : new String(r.body(), StandardCharsets.UTF_8), r.headers().firstValue("Content-Type").orElse("")));
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("GET " + path + " was interrupted", e);
        }
    }

    /** Any route, any outcome: the answer as it came. {@code body} is JSON text or null. */
    public Answer send(String method, String path, String body) {
        try {
            HttpResponse<String> r = http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
            return answer(r);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " was interrupted", e);
        }
    }

    private JsonNode call(String method, String path, JsonNode body) {
        return check(method + " " + path, send(method, path, body == null ? null : body.toString()));
    }

    private CompletableFuture<JsonNode> callAsync(String method, String path, JsonNode body) {
        return http.sendAsync(request(method, path, body.toString()), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> check(method + " " + path, answer(r)));
    }

    private HttpRequest request(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (tenant != null) {
            b.header("X-Argus-Tenant", tenant);
        }
        return b.build();
    }

    private static Answer answer(HttpResponse<String> r) {
        return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    }

    private static JsonNode check(String what, Answer a) {
        if (!a.ok()) {
            JsonNode err = a.contentType().startsWith("application/json") ? a.json() : Answer.JSON.nullNode();
            throw new ArgusApiException(what, a.status(), err.path("error").asText(null),
                    err.path("message").asText(a.body()));
        }
        return a.json();
    }

    private static ObjectNode camera(String name, String url, String transport) {
        ObjectNode body = Answer.JSON.createObjectNode().put("name", name).put("url", url);
        if (transport != null) {
            body.put("transport", transport);
        }
        return body;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
