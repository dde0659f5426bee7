package io.argus.sim.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.argus.media.codec.Codec;
import io.argus.onvif.client.Credentials;
import io.argus.onvif.client.MediaProfile;
import io.argus.onvif.client.OnvifClient;
import io.argus.onvif.client.OnvifEvent;
import io.argus.onvif.client.OnvifException;
import io.argus.onvif.client.PtzClient;
import io.argus.onvif.client.PtzVector;
import io.argus.onvif.client.PullPointClient;
import io.argus.onvif.client.SoapTransport;
import io.argus.onvif.discovery.ProbeMatch;
import io.argus.onvif.discovery.WsDiscovery;
import io.argus.onvif.security.ClockOffset;
import io.argus.onvif.xml.SafeXml;
import io.argus.sim.Simulator;
import io.argus.sim.ptz.Scene;
import io.argus.sim.samples.SimSample;
import io.argus.testkit.Await;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.Pictures;
import io.argus.testkit.tier.E2e;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Argus's ONVIF client against the simulator's ONVIF devices: every service the server uses, its failures, and the
 * picture a moved PTZ head shows in the stream (decoded by ffmpeg) and in the snapshot.
 */
@E2e
class OnvifSimTest {
    private static final HttpClient HTTP = SoapTransport.defaultHttpClient(Duration.ofSeconds(2));
    private static Simulator sim;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(new Simulator.Config(3, "127.0.0.1", 0, Codec.H264, 25, false, true),
                OnvifSimConfig.defaults("127.0.0.1", 0, 0).withEventPeriod(Duration.ofMillis(300))
                        .withClockSkew(Duration.ofHours(2)));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static OnvifClient connect(int cam, String password) {
        return OnvifClient.connect(sim.onvif().orElseThrow().device(cam).deviceService(), transport(password));
    }

    private static SoapTransport transport(String password) {
        return new SoapTransport(HTTP, SafeXml.standard(), new Credentials("admin", password), Clock.systemUTC(),
                Duration.ofSeconds(3));
    }

    @Test
    void deviceProfilesAndStreamUrisWithTheSkewCompensated() {
        OnvifClient c = connect(2, "admin");
        assertThat(c.clockOffset().offset().toSeconds()).isBetween(7195L, 7205L);
        var info = c.deviceInformation();
        assertThat(info.manufacturer()).isEqualTo("Argus");
        assertThat(info.serial()).isEqualTo("SIM00002");
        assertThat(c.services().media2()).isPresent();
        assertThat(c.profiles()).containsExactly(new MediaProfile("main", "main", "H264", 640, 360, 25, true),
                new MediaProfile("sub", "sub", "H264", 640, 360, 25, true));
        assertThat(c.streamUri("main")).isEqualTo(URI.create(sim.url(2)));
        assertThat(c.streamUri("sub")).isEqualTo(URI.create(sim.subUrl(2)));
        assertThat(c.snapshotUri("main").toString()).endsWith("/onvif/cam2/snapshot/main.jpg");
    }

    @Test
    void withoutSkewCompensationTheDeviceRefusesAndWrongPasswordsAreRefused() {
        SoapTransport t = transport("admin");
        t.offset(ClockOffset.NONE);
        URI device = sim.onvif().orElseThrow().device(1).deviceService();
        assertThatThrownBy(() -> t.call(device, "http://www.onvif.org/ver10/device/wsdl/GetDeviceInformation",
                "<tds:GetDeviceInformation/>")).isInstanceOfSatisfying(OnvifException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OnvifException.Kind.NOT_AUTHORIZED);
                    assertThat(e.getMessage()).isEqualTo("GetDeviceInformation: the device refused the credentials "
                            + "(ter:NotAuthorized: Sender not Authorized)");
                });
        assertThatThrownBy(() -> connect(1, "wrong").deviceInformation()).isInstanceOfSatisfying(
                OnvifException.class, e -> assertThat(e.kind()).isEqualTo(OnvifException.Kind.NOT_AUTHORIZED));
    }

    @Test
    void ptzMovesPresetsAndHome() {
        OnvifClient c = connect(3, "admin");
        PtzClient ptz = c.ptz("main").orElseThrow();
        SimPtz head = sim.onvif().orElseThrow().device(3).ptz();
        ptz.absoluteMove(new PtzVector(0.5, -0.25, 0.3));
        assertThat(ptz.position()).isEqualTo(new PtzVector(0.5, -0.25, 0.3));
        String token = ptz.setPreset("door");
        ptz.relativeMove(new PtzVector(-0.5, 0.25, 0));
        assertThat(head.position(Instant.now()).pan()).isCloseTo(0, within(1e-9));
        assertThat(ptz.presets()).extracting(p -> p.name()).containsExactly("door");
        ptz.gotoPreset(token);
        assertThat(head.position(Instant.now())).isEqualTo(new PtzVector(0.5, -0.25, 0.3));
        ptz.continuousMove(new PtzVector(-1, 0, 0));
        assertThat(head.moving()).isTrue();
        ptz.stop();
        assertThat(head.moving()).isFalse();
        assertThat(head.position(Instant.now()).pan()).isLessThan(0.5);
        ptz.gotoHome();
        assertThat(head.position(Instant.now())).isEqualTo(PtzVector.ZERO);
        ptz.removePreset(token);
        assertThat(ptz.presets()).isEmpty();
        assertThatThrownBy(() -> ptz.gotoPreset(token)).isInstanceOfSatisfying(OnvifException.class,
                e -> assertThat(e.getMessage()).startsWith("GotoPreset: the device has no such preset or token"));
    }

    @Test
    void aMovedHeadShowsItsViewOfTheSceneInTheStreamsAndTheSnapshot(@TempDir Path dir) {
        Ffprobe.assumeInstalled();
        OnvifClient c = connect(2, "admin");
        URI snapshot = c.snapshotUri("sub");
        byte[] still = SimSample.H264_360P25.still();
        assertThat(get(snapshot)).as("never moved: the sample's first picture").isEqualTo(still);

        PtzVector at = new PtzVector(0.5, -0.25, 0.3);
        c.ptz("main").orElseThrow().absoluteMove(at);
        BufferedImage expected = Scene.view(at, 640, 360).image();
        Await.until(Duration.ofSeconds(10), Duration.ofMillis(50), () -> !Arrays.equals(get(snapshot), still),
                "a new snapshot after the move");
        assertThat(Pictures.difference(image(get(snapshot)), expected)).isLessThan(4);
        for (String url : List.of(sim.url(2), sim.subUrl(2))) {
            Await.until(Duration.ofSeconds(10), Duration.ofMillis(100),
                    () -> Pictures.difference(frame(url, dir), expected) < 4, "the view in " + url);
        }
        // Right of and below the centre: the brighter, bluer part of the scene, not the home view.
        BufferedImage home = Scene.view(PtzVector.ZERO, 640, 360).image();
        BufferedImage shown = frame(sim.subUrl(2), dir);
        assertThat(Pictures.difference(shown, home)).isGreaterThan(20);
        assertThat(Pictures.meanLuma(shown)).isGreaterThan(Pictures.meanLuma(home) + 20);
    }

    private static byte[] get(URI uri) {
        try {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).contains("image/jpeg");
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The first picture ffmpeg decodes from {@code url} (the GOP cache's keyframe). */
    private static BufferedImage frame(String url, Path dir) {
        Path png = dir.resolve("frame.png");
        Ffprobe.ffmpeg("-rtsp_transport", "tcp", "-i", url, "-frames:v", "1", "-y", png.toString());
        try {
            return image(Files.readAllBytes(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage image(byte[] encoded) {
        try {
            return ImageIO.read(new ByteArrayInputStream(encoded));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void pullPointDeliversTheScheduleAndEndsWithTheDevicesRestart() {
        OnvifClient c = connect(1, "admin");
        PullPointClient sub = c.subscribe(Duration.ofSeconds(30));
        List<OnvifEvent> got = new ArrayList<>();
        while (got.size() < 3) {
            got.addAll(sub.pull(Duration.ofSeconds(2), 10));
        }
        assertThat(got).allSatisfy(e -> assertThat(e.topic()).isEqualTo("tns1:RuleEngine/CellMotionDetector/Motion"));
        assertThat(got.get(0).data().get("IsMotion")).isNotEqualTo(got.get(1).data().get("IsMotion"));
        sub.renew(Duration.ofSeconds(60));
        sim.onvif().orElseThrow().device(1).events().reboot();
        assertThatThrownBy(() -> sub.pull(Duration.ofSeconds(1), 10)).isInstanceOfSatisfying(OnvifException.class,
                e -> assertThat(e.getMessage()).contains("the event subscription no longer exists on the device"));
        PullPointClient again = c.subscribe(Duration.ofSeconds(30));
        again.unsubscribe();
        assertThat(sim.onvif().orElseThrow().device(1).events().subscriptions()).isZero();
    }

    @Test
    void unicastDiscoveryFindsEveryDevice() throws Exception {
        // Longer than APP_MAX_DELAY (500 ms), over which the devices spread their answers.
        List<ProbeMatch> found = new WsDiscovery().probe(new InetSocketAddress("127.0.0.1",
                sim.onvif().orElseThrow().discoveryPort()), Duration.ofMillis(1500));
        assertThat(found).hasSize(3);
        assertThat(found).extracting(m -> m.xaddr().orElseThrow())
                .contains(sim.onvif().orElseThrow().device(3).deviceService());
        assertThat(found.get(0).scope("hardware")).contains("ArgusSim");
    }

    @Test
    void httpDigestWhenTheDeviceAsksForIt() throws Exception {
        try (Simulator digest = Simulator.start(new Simulator.Config(1, "127.0.0.1", 0, Codec.H264, 25, false, true),
                OnvifSimConfig.defaults("127.0.0.1", 0, -1).withHttpDigest(true))) {
            URI device = digest.onvif().orElseThrow().device(1).deviceService();
            assertThat(OnvifClient.connect(device, transport("admin")).deviceInformation().model()).isEqualTo("Argus Sim");
            assertThatThrownBy(() -> OnvifClient.connect(device, transport("nope"))).isInstanceOfSatisfying(
                    OnvifException.class, e -> assertThat(e.kind()).isEqualTo(OnvifException.Kind.NOT_AUTHORIZED));
        }
    }
}
