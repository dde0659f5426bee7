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
 * WHIP through the API without a browser: an offer to a new name creates the camera and holds it for the publisher
 * until DELETE, errors come in the API's shape, a camera that pulls its own source takes no publisher, and a publish
 * whose token is revoked ends within two seconds, as RTSP and RTMP publishers do. Publish URLs ({@code ?sig=} from
 * {@code publish-url}) publish into their camera and do nothing else; viewing URLs never publish.
 */
@E2e
class WhipEndToEndTest {
    /** A browser's send-only offer, as Chromium writes it (trimmed); no ICE is needed for what is tested here. */
    static final String OFFER = String.join("\r\n", "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
            "a=group:BUNDLE 0 1", "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=ice-ufrag:abcd",
            "a=ice-pwd:abcdefghijklmnopqrstuvwx", "a=fingerprint:sha-256 " + "AB:".repeat(31) + "AB",
            "a=setup:actpass", "a=mid:0", "a=sendonly", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2",
            "m=video 9 UDP/TLS/RTP/SAVPF 96 108", "c=IN IP4 0.0.0.0", "a=mid:1", "a=sendonly", "a=rtcp-mux",
            "a=rtpmap:96 VP8/90000", "a=rtpmap:108 H264/90000",
            "a=fmtp:108 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", "");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestNode node = TestNode.withCameras(1);
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String name, String token, String type, String body) throws Exception {
        return send("POST", "/api/v1/whip/" + name, token, type, body);
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String token, String type, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.base() + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A camera that waits for a publisher, made as a publisher makes one: by publishing to a new name. */
    private String publishCamera(String name) throws Exception {
        HttpResponse<String> r = post(name, node.api().token(), "application/sdp", OFFER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(node.api().delete(r.headers().firstValue("Location").orElseThrow()).status()).isEqualTo(200);
        for (JsonNode c : node.api().get("/api/v1/cameras").json()) {
            if (c.path("name").asText().equals(name)) {
                return c.path("id").asText();
            }
        }
        throw new AssertionError("no camera " + name);
    }

    private String publishUrl(String camera, String token, long seconds) {
        Answer a = node.api().withToken(token).post("/api/v1/cameras/" + camera + "/publish-url",
                "{\"expiresInSeconds\":" + seconds + "}");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json().get("whip").asText();
    }

    private WebRtcServer webrtc() {
        return node.server().webrtc().orElseThrow().server();
    }

    @Test
    void anOfferToANewNameCreatesTheCameraAndDeleteEndsThePublish() throws Exception {
        HttpResponse<String> r = post("whip-e2e", node.api().token(), "application/sdp", OFFER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).contains("a=ice-lite", "a=recvonly", "a=rtpmap:108 H264/90000", "a=rtcp-fb:108 nack pli",
                "a=rtpmap:111 opus/48000/2", " " + node.server().webrtcPort() + " typ host");
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/api/v1/whip/whip-e2e/");
        assertThat(node.api().get("/api/v1/cameras").body()).contains("\"whip-e2e\"");
        assertThat(webrtc().publishers()).hasSize(1);
        assertThat(post("whip-e2e", node.api().token(), "application/sdp", OFFER).statusCode())
                .as("one publisher at a time").isEqualTo(409);
        assertThat(node.api().delete(location).status()).isEqualTo(200);
        assertThat(webrtc().publishers()).isEmpty();
        assertThat(node.api().delete(location).status()).isEqualTo(404);
        assertThat(node.api().get("/api/v1/audit?action=live.publish").body()).contains("whip-e2e");
        HttpResponse<String> again = post("whip-e2e", node.api().token(), "application/sdp", OFFER);
        assertThat(again.statusCode()).as("the camera takes a publisher again").isEqualTo(201);
        assertThat(node.api().delete(again.headers().firstValue("Location").orElseThrow()).status()).isEqualTo(200);
    }

    @Test
    void errorsAreTheApisErrors() throws Exception {
        HttpResponse<String> json = post("whip-err", node.api().token(), "application/json", "{}");
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(json.body()).get("error").asText()).isEqualTo("unsupported_media_type");
        HttpResponse<String> vp8 = post("whip-err", node.api().token(), "application/sdp",
                OFFER.replace("H264/90000", "VP9/90000"));
        assertThat(vp8.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(vp8.body()).get("message").asText()).contains("H.264");
        assertThat(node.api().get("/api/v1/cameras").body()).as("a refused offer creates no camera")
                .doesNotContain("whip-err");
        assertThat(post("whip-err", null, "application/sdp", OFFER).statusCode()).isEqualTo(401);
        HttpResponse<String> pulling = post(node.camera(0), node.api().token(), "application/sdp", OFFER);
        assertThat(pulling.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(pulling.body()).get("message").asText()).contains("pulls from its own source");
    }

    @Test
    void aRevokedTokensPublishEnds() throws Exception {
        Answer t = node.api().post("/api/v1/me/tokens", "{\"name\":\"encoder\"}");
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        HttpResponse<String> r = post("whip-revoked", t.json().get("token").asText(), "application/sdp", OFFER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = r.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        assertThat(webrtc().publisher(id)).isPresent();
        long at = System.nanoTime();
        assertThat(node.api().delete("/api/v1/me/tokens/" + t.json().get("id").asText()).status()).isEqualTo(204);
        Await.until(Duration.ofSeconds(5), () -> webrtc().publisher(id).isEmpty(), () -> "the publish ended");
        long ms = (System.nanoTime() - at) / 1_000_000;
        System.out.printf("WHIP: publish ended %d ms after its token was revoked%n", ms);
        assertThat(ms).isLessThanOrEqualTo(2_000);
    }

    @Test
    void aPublishUrlPublishesIntoItsCameraAndNothingElse() throws Exception {
        String camera = publishCamera("whip-signed");
        String whip = publishUrl(camera, node.api().token(), 600);
        String sig = whip.substring(whip.indexOf("?sig=") + 5);
        assertThat(whip).isEqualTo("/api/v1/whip/" + camera + "?sig=" + sig);

        HttpResponse<String> r = send("POST", whip, null, "application/sdp", OFFER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).contains("a=ice-lite", "a=rtpmap:108 H264/90000");
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).as("the session's URL carries the publish URL on").endsWith("?sig=" + sig);
        String id = location.replaceAll(".*/([0-9a-f]+)\\?.*", "$1");
        assertThat(webrtc().publisher(id).orElseThrow().owner()).isEqualTo(camera);
        assertThat(send("POST", whip, null, "application/sdp", OFFER).statusCode()).as("one publisher at a time")
                .isEqualTo(409);
        assertThat(send("DELETE", location, null, null, null).statusCode()).isEqualTo(200);
        assertThat(webrtc().publisher(id)).isEmpty();

        HttpResponse<String> snapshot = send("GET", "/api/v1/cameras/" + camera + "/snapshot.jpg?sig=" + sig, null,
                null, null);
        assertThat(snapshot.statusCode()).as("a publish URL shows nothing").isEqualTo(403);
        assertThat(send("GET", "/api/v1/cameras/" + camera + "/live.m3u8?sig=" + sig, null, null, null).statusCode())
                .isEqualTo(403);
        assertThat(send("POST", "/api/v1/whip/whip-signed-other?sig=" + sig, null, "application/sdp", OFFER)
                .statusCode()).as("nor creates a camera").isEqualTo(403);
        assertThat(send("POST", "/api/v1/whip/" + node.camera(0) + "?sig=" + sig, null, "application/sdp", OFFER)
                .statusCode()).as("nor publishes into another").isEqualTo(403);
        assertThat(node.api().get("/api/v1/cameras").body()).doesNotContain("whip-signed-other");
        char c = sig.charAt(80);
        String tampered = sig.substring(0, 80) + (c == 'A' ? 'B' : 'A') + sig.substring(81);
        HttpResponse<String> bad = send("POST", "/api/v1/whip/" + camera + "?sig=" + tampered, null,
                "application/sdp", OFFER);
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(bad.body()).get("error").asText()).isEqualTo("unauthorized");

        String minted = node.api().get("/api/v1/audit?action=media.publish_url").body();
        assertThat(minted).contains(camera);
        JsonNode used = node.api().get("/api/v1/audit?action=live.publish").json();
        assertThat(used.toString()).as("the publish is audited as the minting user's, marked signed")
                .contains("\"signed\":true");
    }

    @Test
    void aViewingUrlNeverPublishes() throws Exception {
        String camera = publishCamera("whip-viewed");
        Answer urls = node.api().post("/api/v1/cameras/" + camera + "/media-urls", "{}");
        assertThat(urls.status()).isEqualTo(200);
        HttpResponse<String> r = send("POST", "/api/v1/whip/" + camera + "?sig=" + urls.json().get("sig").asText(),
                null, "application/sdp", OFFER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(JSON.readTree(r.body()).get("message").asText()).contains("does not publish");
        assertThat(webrtc().publishers()).noneMatch(p -> p.owner().equals(camera));
    }

    @Test
    void aPublishUrlExpiresAndItsPublishEndsThen() throws Exception {
        String camera = publishCamera("whip-expiring");
        String whip = publishUrl(camera, node.api().token(), 2);
        HttpResponse<String> r = send("POST", whip, null, "application/sdp", OFFER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = r.headers().firstValue("Location").orElseThrow().replaceAll(".*/([0-9a-f]+)\\?.*", "$1");
        Await.until(Duration.ofSeconds(6), () -> webrtc().publisher(id).isEmpty(), () -> "the publish ended");
        HttpResponse<String> late = send("POST", whip, null, "application/sdp", OFFER);
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(late.body()).get("error").asText()).isEqualTo("url_expired");
    }

    /** A publish URL lives by the token that minted it, and its publish by its camera. */
    @Test
    void aPublishUrlsPublishEndsWithItsMintingTokenOrItsCamera() throws Exception {
        String camera = publishCamera("whip-minted");
        Answer t = node.api().post("/api/v1/me/tokens", "{\"name\":\"publish-urls\"}");
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        String whip = publishUrl(camera, t.json().get("token").asText(), 600);
        HttpResponse<String> r = send("POST", whip, null, "application/sdp", OFFER);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = r.headers().firstValue("Location").orElseThrow().replaceAll(".*/([0-9a-f]+)\\?.*", "$1");
        assertThat(node.api().delete("/api/v1/me/tokens/" + t.json().get("id").asText()).status()).isEqualTo(204);
        Await.until(Duration.ofSeconds(5), () -> webrtc().publisher(id).isEmpty(), () -> "the publish ended");
        assertThat(send("POST", whip, null, "application/sdp", OFFER).statusCode()).isEqualTo(401);

        HttpResponse<String> again = send("POST", publishUrl(camera, node.api().token(), 600), null,
                "application/sdp", OFFER);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        String second = again.headers().firstValue("Location").orElseThrow().replaceAll(".*/([0-9a-f]+)\\?.*", "$1");
        assertThat(node.api().delete("/api/v1/cameras/" + camera).status()).isEqualTo(204);
        Await.until(Duration.ofSeconds(5), () -> webrtc().publisher(second).isEmpty(),
                () -> "the publish of a deleted camera ended");
    }
}
