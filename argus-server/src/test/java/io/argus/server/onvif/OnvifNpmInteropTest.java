package io.argus.server.onvif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.media.codec.Codec;
import io.argus.sim.Simulator;
import io.argus.sim.onvif.OnvifSim;
import io.argus.sim.onvif.OnvifSimConfig;
import io.argus.sim.samples.SimSample;
import io.argus.testkit.tier.Interop;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The simulator's ONVIF devices checked by an independent client, the npm {@code onvif} package 0.8.3
 * ({@code src/test/onvif-interop/check.js}, run with the machine's node): multicast WS-Discovery, device
 * information, Media2 profiles, stream URIs, PTZ (absolute, preset set/go to, home, continuous and stop, status),
 * pull-point events, with its own UsernameToken digests, and the snapshot URI fetched with node's HTTP client (the
 * sample's still before the head moved, the head's view after). So Argus's client and simulator cannot agree on a shared
 * mistake. Skipped, saying why, without node or when the npm package cannot be installed ({@code .ci/run} installs it).
 */
@Interop
class OnvifNpmInteropTest {
    private static final Path SCRIPTS = Paths.get("src/test/onvif-interop").toAbsolutePath();

    @Test
    void theNpmOnvifClientSeesEverything() throws Exception {
        String node = which("node");
        Assumptions.assumeTrue(node != null, "node not on PATH (apt-get install nodejs npm): ONVIF interop skipped");
        if (!Files.isDirectory(SCRIPTS.resolve("node_modules/onvif"))) {
            String npm = which("npm");
            Assumptions.assumeTrue(npm != null, "npm not on PATH: ONVIF interop skipped");
            Run ci = run(List.of(npm, "ci", "--no-audit", "--no-fund"), Duration.ofMinutes(3));
            Assumptions.assumeTrue(ci.exit == 0, "npm ci in " + SCRIPTS + " failed, ONVIF interop skipped:\n" + ci.out);
        }
        // The npm client probes only the standard group and port, so the simulator answers there.
        try (Simulator sim = Simulator.start(new Simulator.Config(2, "127.0.0.1", 0, Codec.H264, 25, false, true),
                new OnvifSimConfig("127.0.0.1", 0, OnvifSimConfig.STANDARD_DISCOVERY_PORT, "admin", "s3cret",
                        Duration.ofMillis(300), false, Duration.ofMinutes(3)))) {
            OnvifSim onvif = sim.onvif().orElseThrow();
            Run r = run(List.of(node, "check.js", "127.0.0.1", String.valueOf(onvif.port()),
                    "/onvif/cam1/device_service", "admin", "s3cret"), Duration.ofSeconds(90));
            String line = r.out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("check.js printed no result (exit " + r.exit + "):\n" + r.out));
            JsonNode seen = new ObjectMapper().readTree(line);
            assertThat(seen.has("error")).as(r.out).isFalse();
            assertThat(seen.get("discovered")).extracting(JsonNode::asText)
                    .contains(onvif.device(1).deviceService().toString(), onvif.device(2).deviceService().toString());
            assertThat(seen.at("/device/manufacturer").asText()).isEqualTo("Argus");
            assertThat(seen.at("/device/serial").asText()).isEqualTo("SIM00001");
            assertThat(seen.get("media2").asBoolean()).isTrue();
            assertThat(seen.get("profiles").findValues("token")).extracting(JsonNode::asText)
                    .containsExactly("main", "sub");
            assertThat(seen.at("/streamUris/main").asText()).isEqualTo(sim.url(1));
            assertThat(seen.at("/streamUris/sub").asText()).isEqualTo(sim.subUrl(1));
            assertThat(seen.get("presets")).extracting(JsonNode::asText).containsExactly("npm-door");
            assertThat(seen.at("/position/x").asDouble()).isEqualTo(0.5);
            assertThat(seen.at("/position/y").asDouble()).isEqualTo(-0.25);
            assertThat(seen.at("/position/zoom").asDouble()).isEqualTo(0.3);
            assertThat(onvif.device(1).ptz().moving()).isFalse();
            assertThat(seen.get("events").size()).isGreaterThanOrEqualTo(2);
            assertThat(seen.get("events").findValues("topic")).extracting(JsonNode::asText)
                    .allMatch(t -> t.equals("tns1:RuleEngine/CellMotionDetector/Motion"));
            assertThat(onvif.device(1).events().subscriptions()).isZero();
            // Its snapshot URI serves a JPEG: the sample's still before the head moved, the head's view after.
            assertThat(seen.at("/snapshotUri").asText()).isEqualTo(
                    onvif.device(1).deviceService().resolve("snapshot/sub.jpg").toString());
            assertThat(seen.at("/snapshotBefore/status").asInt()).isEqualTo(200);
            assertThat(seen.at("/snapshotBefore/contentType").asText()).isEqualTo("image/jpeg");
            assertThat(seen.at("/snapshotBefore/sha256").asText()).isEqualTo(sha256(SimSample.H264_360P25.still()));
            byte[] view = get(URI.create(seen.at("/snapshotUri").asText()));
            assertThat(seen.at("/snapshotAfter/sha256").asText()).as("the view the simulator serves now")
                    .isEqualTo(sha256(view)).isNotEqualTo(seen.at("/snapshotBefore/sha256").asText());
            BufferedImage picture = ImageIO.read(new ByteArrayInputStream(view));
            assertThat(picture.getWidth()).isEqualTo(640);
            assertThat(picture.getHeight()).isEqualTo(360);
        }
    }

    private record Run(int exit, String out) {
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static byte[] get(URI uri) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static Run run(List<String> command, Duration timeout) throws Exception {
        File log = Files.createTempFile("argus-onvif-interop", ".log").toFile();
        Process p = new ProcessBuilder(command).directory(SCRIPTS.toFile()).redirectErrorStream(true)
                .redirectOutput(log).start();
        boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
        String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        Files.deleteIfExists(log.toPath());
        return new Run(done ? p.exitValue() : -1, done ? out : out + "\n(timed out after " + timeout + ")");
    }

    private static String which(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Paths.get(d, name);
            if (!d.isEmpty() && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
