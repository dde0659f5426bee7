package io.argus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The bench's client of the public REST API: what an integrator would use, nothing internal. */
final class ArgusApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String token;

    ArgusApiClient(int httpPort) {
        this.base = "http://127.0.0.1:" + httpPort;
    }

    boolean healthy() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void login(String user, String password) throws IOException, InterruptedException {
        token = send("POST", "/api/v1/auth/login", Map.of("username", user, "password", password)).get("token")
                .asText();
    }

    CompletableFuture<JsonNode> addCameraAsync(String name, String url, String transport) {
        return http.sendAsync(request("POST", "/api/v1/cameras",
                        Map.of("name", name, "url", url, "transport", transport)),
                HttpResponse.BodyHandlers.ofString()).thenApply(r -> parse(r, "POST /api/v1/cameras"));
    }

    CompletableFuture<JsonNode> setRecordingAsync(String cameraId, String mode) {
        return http.sendAsync(request("PUT", "/api/v1/cameras/" + cameraId + "/recording", Map.of("mode", mode)),
                HttpResponse.BodyHandlers.ofString()).thenApply(r -> parse(r, "PUT recording"));
    }

    JsonNode recording(String cameraId) throws IOException, InterruptedException {
        return send("GET", "/api/v1/cameras/" + cameraId + "/recording", null);
    }

    JsonNode cameras() throws IOException, InterruptedException {
        return send("GET", "/api/v1/cameras", null);
    }

    JsonNode nodeStats(boolean gcFirst) throws IOException, InterruptedException {
        return send("GET", "/api/v1/node/stats" + (gcFirst ? "?gc=true" : ""), null);
    }

    void resetNodeStats() throws IOException, InterruptedException {
        send("POST", "/api/v1/node/stats/reset", Map.of());
    }

    private JsonNode send(String method, String path, Object body) throws IOException, InterruptedException {
        return parse(http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString()), method + " " + path);
    }

    private HttpRequest request(String method, String path, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpRequest.BodyPublisher p = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            return b.header("Content-Type", "application/json").method(method, p).build();
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode parse(HttpResponse<String> r, String what) {
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(what + " answered unreadable JSON: " + e.getMessage(), e);
        }
    }
}
