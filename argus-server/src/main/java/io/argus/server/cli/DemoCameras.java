package io.argus.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * Adds the demo's simulated cameras through the public REST API, as a user would: creates {@code sim-N} or
 * points an existing one at the simulator's current URL (the simulator's port changes between runs).
 */
final class DemoCameras {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private String token;

    DemoCameras(int httpPort) {
        this.base = "http://127.0.0.1:" + httpPort + "/api/v1";
    }

    void login(String password) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("username", "admin").put("password", password);
        token = send("POST", "/auth/login", body).get("token").asText();
    }

    /** Creates or updates camera {@code name} to pull {@code url}. */
    void upsert(String name, String url) throws IOException, InterruptedException {
        Map<String, String> ids = new HashMap<>();
        for (JsonNode c : send("GET", "/cameras", null)) {
            ids.put(c.get("name").asText(), c.get("id").asText());
        }
        ObjectNode body = JSON.createObjectNode().put("name", name).put("url", url).put("enabled", true);
        if (ids.containsKey(name)) {
            send("PATCH", "/cameras/" + ids.get(name), body);
        } else {
            send("POST", "/cameras", body);
        }
    }

    private JsonNode send(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type",
                "application/json").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
