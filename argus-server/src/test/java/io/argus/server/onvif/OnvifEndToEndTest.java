package io.argus.server.onvif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.Answer;
import io.argus.client.ArgusApiException;
import io.argus.onvif.client.PtzVector;
import io.argus.server.testing.TestNode;
import io.argus.sim.onvif.OnvifSim;
import io.argus.sim.ptz.Scene;
import io.argus.testkit.Await;
import io.argus.testkit.Pictures;
import io.argus.testkit.tier.E2e;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Argus's ONVIF path against the simulator's ONVIF devices, through the API: discover 20 devices, bulk add them
 * (with one wrong password and one address where nothing answers, reported with their reasons), a camera streams
 * live, a PTZ preset moves the simulated head and with it the picture (Argus's snapshots before and after show the
 * simulator's view of its scene at home and at the preset), and the devices' motion events arrive, also after a
 * device restart.
 */
@E2e
class OnvifEndToEndTest {
    private static final int DEVICES = 20;
    private static final Duration POLL_LIMIT = Duration.ofSeconds(20);
    /** The simulator draws a view within 250 ms and Argus keeps a snapshot 1 s; more is a source reconnecting. */
    private static final Duration SNAPSHOT_LIMIT = Duration.ofSeconds(60);
    /** Each poll is an API call. */
    private static final Duration POLL = Duration.ofMillis(100);

    /**
     * On PostgreSQL: bulk adding and event pulling write from worker threads, which must enter the tenant's scope for
     * row-level security to admit them (on H2, which has none, a missing scope goes unnoticed).
     */
    @RegisterExtension
    static final TestNode node = TestNode.withSimulator(DEVICES).small().postgres().onvif(Duration.ofMillis(400));

    @Test
    void discoverBulkAddStreamMoveAndHearEvents() throws Exception {
        OnvifSim sim = node.sim().onvif().orElseThrow();
        JsonNode found = ok(node.api().post("/api/v1/onvif/discover",
                "{\"address\":\"127.0.0.1:" + sim.discoveryPort() + "\",\"username\":\"admin\",\"password\":\"admin\"}"));
        assertThat(found.get("devices")).hasSize(DEVICES);
        JsonNode first = found.get("devices").findValues("xaddr").stream().map(JsonNode::asText)
                .filter(x -> x.equals(sim.device(1).deviceService().toString())).findFirst()
                .map(x -> found.get("devices").get(0)).orElseThrow();
        assertThat(first.get("manufacturer").asText()).isEqualTo("Argus");
        assertThat(found.get("devices").findValues("added")).allMatch(a -> !a.asBoolean());

        StringBuilder devices = new StringBuilder();
        for (int i = 1; i <= DEVICES; i++) {
            devices.append(i > 1 ? "," : "").append("{\"xaddr\":\"").append(sim.device(i).deviceService()).append('"')
                    .append(i == DEVICES ? ",\"username\":\"admin\",\"password\":\"wrong\"" : "").append('}');
        }
        devices.append(",{\"xaddr\":\"http://127.0.0.1:9/onvif/device_service\"}");
        long t0 = System.nanoTime();
        JsonNode report = ok(node.api().post("/api/v1/onvif/devices/bulk", "{\"devices\":[" + devices
                + "],\"username\":\"admin\",\"password\":\"admin\",\"profiles\":[\"sub\"]}"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("bulk add of %d simulated ONVIF devices: %d ms%n", DEVICES + 1, ms);
        assertThat(report.get("added")).as("failed: " + report.get("failed")).hasSize(DEVICES - 1);
        assertThat(report.get("failed")).hasSize(2);
        List<String> errors = new ArrayList<>();
        report.get("failed").forEach(f -> errors.add(f.get("error").asText() + ": " + f.get("message").asText()));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("device_unauthorized: ")
                .contains("the device refused the credentials (ter:NotAuthorized"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("device_error: nothing answers at 127.0.0.1:9"));

        JsonNode again = ok(node.api().post("/api/v1/onvif/discover",
                "{\"address\":\"127.0.0.1:" + sim.discoveryPort() + "\"}"));
        assertThat(again.get("devices")).as(again.toString()).hasSize(DEVICES);
        assertThat(again.get("devices").findValues("added").stream().filter(JsonNode::asBoolean)).as(again.toString())
                .hasSize(DEVICES - 1);

        JsonNode added1 = find(report.get("added"), sim.device(1).deviceService().toString());
        String camera = added1.get("cameras").get(0).get("id").asText();
        assertThat(added1.get("cameras").get(0).get("profile").asText()).isEqualTo("sub");
        assertThat(added1.get("cameras").get(0).get("width").asInt()).isEqualTo(640);
        node.awaitLive(camera);

        String ptz = "/api/v1/cameras/" + camera + "/ptz";
        assertThat(node.api().post(ptz + "/move", "{\"pan\":0.5,\"tilt\":-0.25,\"zoom\":0.3,\"mode\":\"absolute\"}")
                .status()).isEqualTo(204);
        String token = ok(node.api().post(ptz + "/presets", "{\"name\":\"door\"}")).get("token").asText();
        assertThat(node.api().post(ptz + "/home", "").status()).isEqualTo(204);
        assertThat(sim.device(1).ptz().position(Instant.now())).isEqualTo(PtzVector.ZERO);
        BufferedImage home = awaitSnapshot(camera, PtzVector.ZERO);
        assertThat(ok(node.api().get(ptz + "/presets")).findValues("name")).extracting(JsonNode::asText)
                .containsExactly("door");
        assertThat(node.api().post(ptz + "/presets/" + token + "/goto", "").status()).isEqualTo(204);
        assertThat(sim.device(1).ptz().position(Instant.now())).isEqualTo(new PtzVector(0.5, -0.25, 0.3));
        // The picture Argus records moved with the head: right of and below the centre is the scene's brighter part.
        BufferedImage door = awaitSnapshot(camera, new PtzVector(0.5, -0.25, 0.3));
        assertThat(Pictures.difference(door, home)).isGreaterThan(20);
        assertThat(Pictures.meanLuma(door)).isGreaterThan(Pictures.meanLuma(home) + 20);
        Answer missing = node.api().post(ptz + "/presets/nope/goto", "");
        assertThat(missing.status()).isEqualTo(502);
        assertThat(missing.json().get("error").asText()).isEqualTo("device_error");
        assertThat(missing.json().get("message").asText()).contains("the device has no such preset or token");

        String events = "/api/v1/cameras/" + camera + "/onvif/events";
        Await.until(POLL_LIMIT, POLL, () -> ok(node.api().get(events)).size() >= 2, "motion events of device 1");
        JsonNode e = ok(node.api().get(events)).get(0);
        assertThat(e.get("topic").asText()).isEqualTo("tns1:RuleEngine/CellMotionDetector/Motion");
        assertThat(e.get("data").has("IsMotion")).isTrue();
        // The device's motion, from IsMotion=true to false, is also one Argus event of the camera: searchable with
        // the node's own events (and arming event recording like them).
        String search = "/api/v1/events?type=onvif&camera=" + camera;
        Await.until(POLL_LIMIT, POLL, () -> ok(node.api().get(search)).get("events").findValues("to").stream()
                .anyMatch(to -> !to.isNull()), "an ended ONVIF motion event in the event search");
        JsonNode motion = ok(node.api().get(search)).get("events").get(0);
        assertThat(motion.get("type").asText()).isEqualTo("onvif");
        assertThat(motion.get("class").asText()).isEqualTo("RuleEngine/CellMotionDetector/Motion");

        sim.device(1).events().reboot();
        String xaddr1 = sim.device(1).deviceService().toString();
        Await.until(POLL_LIMIT, POLL, () -> status(xaddr1).get("eventSubscriptions").asLong() >= 2,
                "a new subscription after the device forgot the old one");
        int before = ok(node.api().get(events + "?limit=500")).size();
        Await.until(POLL_LIMIT, POLL, () -> ok(node.api().get(events + "?limit=500")).size() > before,
                "events after resubscribing");
        assertThat(status(sim.device(1).deviceService().toString()).get("events").asText()).isEqualTo("subscribed");
    }

    /**
     * Waits for Argus's snapshot of {@code camera} to show the sub stream's view of {@code at}, and returns it. A
     * camera that is briefly not live (its source reconnecting on a starved machine) is waited for too.
     */
    private static BufferedImage awaitSnapshot(String camera, PtzVector at) {
        BufferedImage expected = Scene.view(at, 640, 360).image();
        BufferedImage[] got = new BufferedImage[1];
        Await.until(SNAPSHOT_LIMIT, POLL, () -> {
            try {
                got[0] = image(node.api().snapshot(camera));
            } catch (ArgusApiException e) {
                assertThat(e.error()).as(e.getMessage()).isEqualTo("not_live");
                return false;
            }
            return Pictures.difference(got[0], expected) < 4;
        }, () -> "Argus's snapshot of the view at " + at + " (luma off by "
                + (got[0] == null ? "?" : Pictures.difference(got[0], expected)) + " on average)");
        return got[0];
    }

    private static BufferedImage image(byte[] jpeg) {
        try {
            return ImageIO.read(new ByteArrayInputStream(jpeg));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode status(String xaddr) {
        return find(ok(node.api().get("/api/v1/onvif/devices")), xaddr);
    }

    private static JsonNode find(JsonNode list, String xaddr) {
        for (JsonNode n : list) {
            JsonNode d = n.has("device") ? n.get("device") : n;
            if (d.get("xaddr").asText().equals(xaddr)) {
                return n;
            }
        }
        throw new AssertionError("no " + xaddr + " in " + list);
    }

    private static JsonNode ok(Answer a) {
        assertThat(a.status()).as(a.body()).isBetween(200, 299);
        return a.json();
    }
}
