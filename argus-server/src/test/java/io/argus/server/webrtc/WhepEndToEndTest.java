package io.argus.server.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.client.Answer;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.tier.E2e;
import io.argus.webrtc.WebRtcServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WHEP through the API without a browser: what an offer gets back, errors in the API's shape, a signed URL, DELETE,
 * the audit row, and a session whose token is revoked ends within two seconds, like a live socket.
 */
@E2e
class WhepEndToEndTest {
    /** A browser's receive-only offer, as Chromium writes it (trimmed); no ICE is needed for what is tested here. */
    static final String OFFER = String.join("\r\n", "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
            "a=group:BUNDLE 0", "m=video 9 UDP/TLS/RTP/SAVPF 102", "c=IN IP4 0.0.0.0", "a=ice-ufrag:abcd",
            "a=ice-pwd:abcdefghijklmnopqrstuvwx", "a=fingerprint:sha-256 " + "AB:".repeat(31) + "AB",
            "a=setup:actpass", "a=mid:0", "a=recvonly", "a=rtcp-mux", "a=rtpmap:102 H264/90000",
            "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", "");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestNode node = TestNode.withCameras(1);
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String pathAndQuery, String token, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.base() + pathAndQuery))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String whep() {
        return "/api/v1/cameras/" + node.camera(0) + "/whep";
    }

    private WebRtcServer webrtc() {
        return node.server().webrtc().orElseThrow().server();
    }

    @Test
    void anOfferGetsAnAnswerAndDeleteEndsIt() throws Exception {
        HttpResponse<String> r = post(whep(), node.api().token(), "application/sdp", OFFER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/sdp");
        assertThat(r.body()).contains("a=ice-lite", "a=setup:passive", "a=rtpmap:102 H264/90000",
                " " + node.server().webrtcPort() + " typ host");
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(whep() + "/");
        assertThat(webrtc().sessions()).hasSize(1);
        assertThat(node.api().delete(location).status()).isEqualTo(200);
        assertThat(webrtc().sessions()).isEmpty();
        assertThat(node.api().delete(location).status()).isEqualTo(404);
        JsonNode audit = node.api().get("/api/v1/audit?action=live.view").json();
        assertThat(audit.toString()).contains("\"via\":\"webrtc\"");
    }

    @Test
    void errorsAreTheApisErrors() throws Exception {
        HttpResponse<String> json = post(whep(), node.api().token(), "application/json", "{}");
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(json.body()).get("error").asText()).isEqualTo("unsupported_media_type");
        HttpResponse<String> bad = post(whep(), node.api().token(), "application/sdp", "v=0\r\n");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("message").asText()).contains("no media section");
        HttpResponse<String> noVideo = post(whep(), node.api().token(), "application/sdp",
                OFFER.replace("H264/90000", "VP8/90000"));
        assertThat(noVideo.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noVideo.body()).get("message").asText()).contains("H.264");
        assertThat(post(whep(), null, "application/sdp", OFFER).statusCode()).isEqualTo(401);
    }

    @Test
    void aSignedUrlOpensAndEndsASession() throws Exception {
        Answer urls = node.api().post("/api/v1/cameras/" + node.camera(0) + "/media-urls", "{}");
        String sig = urls.json().get("sig").asText();
        HttpResponse<String> r = post(whep() + "?sig=" + sig, null, "application/sdp", OFFER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("?sig=");
        HttpResponse<String> del = http.send(HttpRequest.newBuilder(URI.create(node.base() + location)).DELETE()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(del.statusCode()).as(del.body()).isEqualTo(200);
    }

    @Test
    void aRevokedTokensSessionEnds() throws Exception {
        Answer t = node.api().post("/api/v1/me/tokens", "{\"name\":\"wall\",\"scopes\":[\"view-live\"]}");
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        HttpResponse<String> r = post(whep(), t.json().get("token").asText(), "application/sdp", OFFER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = r.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        assertThat(webrtc().session(id)).isPresent();
        long at = System.nanoTime();
        assertThat(node.api().delete("/api/v1/me/tokens/" + t.json().get("id").asText()).status()).isEqualTo(204);
        Await.until(Duration.ofSeconds(5), () -> webrtc().session(id).isEmpty(), () -> "the session ended");
        long ms = (System.nanoTime() - at) / 1_000_000;
        System.out.printf("WHEP: session ended %d ms after its token was revoked%n", ms);
        assertThat(ms).isLessThanOrEqualTo(2_000);
    }
}
