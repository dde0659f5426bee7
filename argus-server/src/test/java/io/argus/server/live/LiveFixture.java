package io.argus.server.live;

import io.argus.client.ArgusClient;
import io.argus.media.codec.Codec;
import io.argus.media.codec.sei.CaptureTimeSei;
import io.argus.server.ArgusServer;
import io.argus.server.testing.TestNode;
import io.argus.sim.Simulator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A simulator camera streaming into a node, and what the live tests read from fMP4 bytes. */
final class LiveFixture {
    final Simulator sim;
    final ArgusServer server;
    final ArgusClient api;
    final String camera;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    LiveFixture(TestNode node) {
        sim = node.sim();
        server = node.server();
        api = node.api();
        camera = node.camera(0);
    }

    String base() {
        return "http://127.0.0.1:" + server.httpPort();
    }

    String cameraPath(String file) {
        return "/api/v1/cameras/" + camera + "/" + file;
    }

    HttpResponse<byte[]> get(String pathAndQuery, boolean bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + pathAndQuery))
                .timeout(Duration.ofSeconds(30));
        if (bearer) {
            b.header("Authorization", "Bearer " + api.token());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * The capture times (µs) of the video frames in fMP4 bytes (fragments, optionally after an init segment): the
     * SEI of every length-prefixed NAL unit in each mdat.
     */
    static List<Long> captureTimes(byte[] mp4) {
        ByteBuf buf = Unpooled.wrappedBuffer(mp4);
        List<Long> times = new ArrayList<>();
        int at = 0;
        while (at + 8 <= mp4.length) {
            int size = buf.getInt(at);
            boolean mdat = buf.getInt(at + 4) == 0x6d646174;
            if (mdat) {
                for (int n = at + 8; n + 4 <= at + size; ) {
                    int len = buf.getInt(n);
                    long t = CaptureTimeSei.read(Codec.H264, buf.slice(n + 4, len));
                    if (t != CaptureTimeSei.NOT_FOUND) {
                        times.add(t);
                    }
                    n += 4 + len;
                }
            }
            at += size;
        }
        return times;
    }

}
