package io.argus.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client of a running test server's API, as an integrator would call it. */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status, raw body and the body as JSON (null node when empty or not JSON). */
    public record Answer(int status, String body, String contentType) {
        public JsonNode json() {
            try {
                return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String token;
    private String tenant;

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public ApiClient login(String user, String password) {
        Answer a = send("POST", "/api/v1/auth/login",
                JSON.createObjectNode().put("username", user).put("password", password).toString());
        if (a.status() != 200) {
            throw new IllegalStateException("login failed: " + a);
        }
        token = a.json().get("token").asText();
        return this;
    }

    /** A client of the same server sending {@code t} as its bearer token (null: none). */
    public ApiClient withToken(String t) {
        return new ApiClient(base, t);
    }

    private ApiClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** A client of the same server and token acting in {@code tenantId} ({@code X-Argus-Tenant}). */
    public ApiClient withTenant(String tenantId) {
        ApiClient c = new ApiClient(base, token);
        c.tenant = tenantId;
        return c;
    }

    public String token() {
        return token;
    }

    public Answer get(String path) {
        return send("GET", path, null);
    }

    public Answer post(String path, String body) {
        return send("POST", path, body);
    }

    public Answer patch(String path, String body) {
        return send("PATCH", path, body);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null);
    }

    public Answer send(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (tenant != null) {
            b.header("X-Argus-Tenant", tenant);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
