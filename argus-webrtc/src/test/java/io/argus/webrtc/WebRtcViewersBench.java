package io.argus.webrtc;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.h264.AnnexBAccessUnits;
import io.argus.media.codec.h264.H264AccessUnits;
import io.argus.media.codec.sei.CaptureTimeSei;
import io.argus.media.stream.Stream;
import io.argus.media.stream.WallClock;
import io.argus.media.transport.NettyTransport;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.DatagramPacket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the WebRTC viewers-per-core benchmark, skipped unless {@code -Dargus.bench.webrtc=N[,N...]} names
 * the viewer counts to run. One camera (the 1080p25 H.264 sample, about 2 Mbit/s, stamped with a capture-time SEI
 * per frame) is published in real time into a stream; N viewers connect through ICE, DTLS and SRTP with
 * {@link DtlsSrtpPeer} and drain their sockets. Over the measuring window it prints the CPU time of the port's event
 * loop (packetizing, SRTP, sending for every viewer: the node's whole per-viewer cost), viewers per core from it,
 * and the added latency: from the frame's publication into the stream to its last packet at the viewer, read from
 * the SEI (the viewers decrypt only the SEI's small packet).
 *
 * <pre>
 * mvn -B -o -q -pl argus-webrtc -am test -Dtest=WebRtcViewersBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dargus.bench.webrtc=10,25,50 -Dargus.bench.seconds=15
 * </pre>
 */
class WebRtcViewersBench {

    @Test
    void viewersPerCore() throws Exception {
        String counts = System.getProperty("argus.bench.webrtc");
        Assumptions.assumeTrue(counts != null && !counts.isBlank(), "benchmark: set -Dargus.bench.webrtc=N[,N...]");
        int seconds = Integer.getInteger("argus.bench.seconds", 15);
        // Surefire runs with paranoid leak detection, which records every buffer's accesses: not a node's cost.
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        System.out.println("CPU: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores; load average before: " + Files.readString(Path.of("/proc/loadavg")).trim());
        try {
            for (String n : counts.split(",")) {
                run(Integer.parseInt(n.trim()), seconds);
            }
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
    }

    private static void run(int viewers, int seconds) throws Exception {
        ByteBuf file = Unpooled.wrappedBuffer(SampleMedia.H264_1080P25.bytes());
        List<AccessUnit> frames = AnnexBAccessUnits.fromAnnexB(H264AccessUnits.SYNTAX, file, 0, 3600);
        file.release();
        MediaFormat.H264 format = format(frames.get(0));
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        Stream stream = new Stream("bench", List.of(format), writer);
        WebRtcServer server = new WebRtcServer(new WebRtcServerConfig(0, List.of()), NettyTransport.nio());
        server.start();
        AtomicLong frameNo = new AtomicLong();
        writer.scheduleAtFixedRate(() -> publish(stream, frames, frameNo.getAndIncrement()), 0, 40,
                TimeUnit.MILLISECONDS);
        List<Viewer> all = new CopyOnWriteArrayList<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        try (ExecutorService connecting = Executors.newFixedThreadPool(8, Thread.ofVirtual().factory())) {
            long t0 = System.nanoTime();
            List<Future<Viewer>> pending = new ArrayList<>();
            for (int i = 0; i < viewers; i++) {
                pending.add(connecting.submit(() -> new Viewer(server, stream, latencies)));
            }
            for (Future<Viewer> f : pending) {
                all.add(f.get());
            }
            System.out.printf("%d viewers connected in %d ms%n", viewers, (System.nanoTime() - t0) / 1_000_000);
            TimeUnit.SECONDS.sleep(2);
            latencies.clear();
            long bytes0 = all.stream().mapToLong(v -> v.bytes.get()).sum();
            long cpu0 = loopCpuNanos();
            long process0 = processCpuNanos();
            long wall0 = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            long wall = System.nanoTime() - wall0;
            long cpu = loopCpuNanos() - cpu0;
            long process = processCpuNanos() - process0;
            long bytes = all.stream().mapToLong(v -> v.bytes.get()).sum() - bytes0;
            long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            double loopCores = (double) cpu / wall;
            System.out.printf("%d viewers: port event loop %.1f %% of a core (%.2f ms CPU per viewer-second), "
                            + "%.0f viewers per core; whole process (viewers' decrypting and draining included) "
                            + "%.0f %%; received %.1f Mbit/s in all (%.2f per viewer); publish to last packet at "
                            + "the viewer: p50 %.1f ms, p99 %.1f ms (%d frames); sessions %d%n",
                    viewers, 100 * loopCores, cpu / 1e6 / (viewers * wall / 1e9), viewers / loopCores,
                    100.0 * process / wall, bytes * 8e3 / wall, bytes * 8e3 / wall / viewers,
                    pct(l, 0.5) / 1e3, pct(l, 0.99) / 1e3, l.length, server.sessions().size());
        } finally {
            all.forEach(Viewer::close);
            server.close();
            stream.close();
            writer.shutdown();
            writer.awaitTermination(5, TimeUnit.SECONDS);
            frames.forEach(AccessUnit::release);
        }
    }

    /** Writer thread: frame {@code n} of the looped sample, a capture-time SEI first, as the simulator sends. */
    private static void publish(Stream stream, List<AccessUnit> frames, long n) {
        AccessUnit template = frames.get((int) (n % frames.size()));
        ByteBuf[] units = new ByteBuf[template.unitCount() + 1];
        units[0] = CaptureTimeSei.build(Codec.H264, WallClock.micros(), ByteBufAllocator.DEFAULT);
        for (int i = 0; i < template.unitCount(); i++) {
            units[i + 1] = template.unit(i).retainedSlice();
        }
        long pts = n * 3600;
        stream.publish(AccessUnit.of(0, Codec.H264, pts, pts, template.keyframe(), units, units.length,
                System.nanoTime()));
    }

    private static MediaFormat.H264 format(AccessUnit keyframe) {
        byte[] sps = null;
        byte[] pps = null;
        for (int i = 0; i < keyframe.unitCount(); i++) {
            ByteBuf nal = keyframe.unit(i);
            int type = nal.getByte(nal.readerIndex()) & 0x1f;
            sps = type == 7 ? ByteBufUtil.getBytes(nal) : sps;
            pps = type == 8 ? ByteBufUtil.getBytes(nal) : pps;
        }
        return new MediaFormat.H264(sps, pps);
    }

    /** One viewer: a session, its DTLS-SRTP peer, and a virtual thread draining its socket. */
    private static final class Viewer {
        private final WhepSession session;
        private final DtlsSrtpPeer peer;
        private final String answer;
        private final AtomicLong bytes = new AtomicLong();
        private final Thread drain;
        private final Thread consent;
        private final Random random = new Random();

        Viewer(WebRtcServer server, Stream stream, ConcurrentLinkedQueue<Long> latencies) throws Exception {
            DtlsCertificate mine = DtlsCertificate.generate();
            session = server.open("bench", stream, StunRequests.offer("viewer", "viewerPassword1234567890",
                    mine.fingerprint()));
            answer = session.answer();
            peer = DtlsSrtpPeer.connect(server, answer, mine);
            drain = Thread.ofVirtual().start(() -> drain(latencies));
            consent = Thread.ofVirtual().start(this::keepConsent);
        }

        /** Counts what arrives; decrypts the SEI packets and times each frame's last (marker) packet. */
        private void drain(ConcurrentLinkedQueue<Long> latencies) {
            byte[] buf = new byte[1500];
            long seiTimestamp = -1;
            long captured = 0;
            try {
                for (;;) {
                    DatagramPacket d = new DatagramPacket(buf, buf.length);
                    peer.socket.receive(d);
                    bytes.addAndGet(d.getLength());
                    int type = buf[1] & 0xff;
                    if ((buf[0] & 0xc0) != 0x80 || type >= 192 && type <= 223) {
                        continue;
                    }
                    long ts = ByteBuffer.wrap(buf).getInt(4) & 0xffffffffL;
                    if (d.getLength() < 12 + CaptureTimeSei.MAX_LENGTH + SrtpPacket.TRAILER) {
                        SrtpPacket p = peer.decrypt(Arrays.copyOf(buf, d.getLength()));
                        long t = p == null ? CaptureTimeSei.NOT_FOUND : CaptureTimeSei.read(Codec.H264,
                                Unpooled.wrappedBuffer(p.getBuffer(), 12, p.getLength() - 12));
                        if (t != CaptureTimeSei.NOT_FOUND) {
                            seiTimestamp = ts;
                            captured = t;
                        }
                    }
                    if ((buf[1] & 0x80) != 0 && ts == seiTimestamp) {
                        latencies.add(WallClock.micros() - captured);
                    }
                }
            } catch (Exception e) {
                // The socket closed: the run is over.
            }
        }

        /** A binding request every 5 s, as browsers send them (RFC 7675 consent), until closed. */
        private void keepConsent() {
            try {
                for (;;) {
                    TimeUnit.SECONDS.sleep(5);
                    byte[] req = StunRequests.binding(StunRequests.attribute(answer, "ice-ufrag") + ":viewer",
                            StunRequests.attribute(answer, "ice-pwd"), random);
                    peer.socket.send(new DatagramPacket(req, req.length));
                }
            } catch (Exception e) {
                // Interrupted or the socket closed: the run is over.
            }
        }

        void close() {
            session.close("bench over");
            peer.close();
            drain.interrupt();
            consent.interrupt();
        }
    }

    private static long loopCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("argus-webrtc-")) {
                sum += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
    }

    private static String cpuModel() throws Exception {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
    }
}
