package io.argus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.server.testing.TestNode;
import io.argus.testkit.tier.E2e;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the web UI needs from the server besides the media API: its files, the connection test, storage. */
@E2e
class UiSupportApiTest {
    @RegisterExtension
    static final TestNode node = TestNode.withSimulator(1).small().set("recording.maxSize", "1GiB")
            .set("recording.minFree", "0");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> fetch(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.base() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void uiIsServedWithoutATokenRevalidatedAndHlsJsIsCacheable() throws Exception {
        HttpResponse<String> index = fetch("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(index.body()).contains("/js/main.js").contains("/webjars/hls.js/1.4.12/dist/hls.min.js");

        HttpResponse<String> main = fetch("/js/main.js");
        assertThat(main.statusCode()).isEqualTo(200);
        assertThat(main.headers().firstValue("Content-Type").orElse("")).contains("javascript");
        assertThat(fetch("/css/argus.css").headers().firstValue("Content-Type").orElse("")).startsWith("text/css");

        HttpResponse<String> hls = fetch("/webjars/hls.js/1.4.12/dist/hls.min.js");
        assertThat(hls.statusCode()).isEqualTo(200);
        assertThat(hls.headers().firstValue("Cache-Control").orElse("")).contains("max-age=");

        Answer api401 = node.api().withToken(null).get("/api/v1/cameras");
        assertThat(api401.status()).as("the API stays protected").isEqualTo(401);
        assertThat(fetch("/nothing-here.js").statusCode()).isEqualTo(404);
    }

    /**
     * Every answer, UI or not, tells the browser to run only the node's own scripts (no inline ones), never to frame
     * the UI in another site, never to guess a content type and to send no Referer.
     */
    @Test
    void everyAnswerCarriesTheBrowserSecurityHeaders() throws Exception {
        for (String path : new String[] {"/", "/js/main.js", "/css/argus.css", "/webjars/hls.js/1.4.12/dist/hls.min.js",
                "/api/v1/health", "/api/v1/cameras", "/nothing-here.js", "/metrics"}) {
            HttpResponse<String> r = fetch(path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(path).contains("script-src 'self';").contains("frame-ancestors 'none'")
                    .contains("media-src 'self' blob:").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
        }
    }

    @Test
    void connectionTestReportsTracksOrTheReasonInWords() throws Exception {
        Answer ok = node.api().post("/api/v1/cameras/test", "{\"url\":\"" + node.url(0) + "\",\"transport\":\"tcp\"}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().path("ok").asBoolean()).as(ok.body()).isTrue();
        assertThat(ok.json().path("tracks").get(0).asText()).startsWith("H264").endsWith("640x360");
        assertThat(ok.json().path("elapsedMs").asLong()).isLessThan(10_000);

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Answer refused = node.api().post("/api/v1/cameras/test", "{\"url\":\"rtsp://127.0.0.1:" + closed + "/x\","
                + "\"transport\":\"tcp\"}");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.json().path("ok").asBoolean()).isFalse();
        assertThat(refused.json().path("message").asText()).isEqualTo("connection refused");

        Answer bad = node.api().post("/api/v1/cameras/test", "{\"url\":\"http://example.com/cam\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").asText()).isEqualTo("validation_failed");
        assertThat(bad.json().path("fields").path("url").asText()).contains("rtsp://");
        assertThat(node.api().post("/api/v1/cameras/test", "{}").json().path("fields").path("url").asText())
                .isEqualTo("required");
        assertThat(node.api().withToken(null).post("/api/v1/cameras/test", "{}").status()).isEqualTo(401);
    }

    @Test
    void connectionTestOfASavedCameraUsesItsStoredCredentials() {
        Answer made = node.api().post("/api/v1/cameras", "{\"name\":\"probe-me\",\"url\":\"" + node.url(0)
                + "\",\"username\":\"u\",\"password\":\"secret\",\"transport\":\"tcp\",\"enabled\":false}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String id = made.json().path("id").asText();
        Answer t = node.api().post("/api/v1/cameras/test", "{\"camera\":\"" + id + "\"}");
        assertThat(t.json().path("ok").asBoolean()).as(t.body()).isTrue();
        Answer missing = node.api().post("/api/v1/cameras/test", "{\"camera\":\"" + java.util.UUID.randomUUID()
                + "\"}");
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void storageListsEveryVolumeWithItsLimits() {
        Answer a = node.api().get("/api/v1/storage");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode v = a.json().path("volumes").get(0);
        assertThat(v.path("volume").asText()).isEqualTo("hot");
        assertThat(v.path("path").asText()).endsWith("recordings");
        assertThat(v.path("maxBytes").asLong()).isEqualTo(1L << 30);
        assertThat(v.path("usedBytes").asLong()).isNotNegative();
        assertThat(v.path("freeBytes").asLong()).isPositive();
        assertThat(v.path("roomBytes").asLong()).isBetween(0L, 1L << 30);
        assertThat(node.api().withToken(null).get("/api/v1/storage").status()).isEqualTo(401);
    }
}
