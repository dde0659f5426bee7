package io.argus.media.codec.rtp;

import io.argus.media.codec.testing.Captures;
import io.argus.media.codec.testing.Collected;
import io.argus.media.codec.testing.Packets;
import io.argus.testkit.LeakCheck;
import io.argus.testkit.RtpCapture;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fixed-seed fuzzing seeded with the real captures: bit flips, truncation, garbage, and random header fields,
 * through the receiver and straight into the depacketizer with random loss and marker flags. Nothing may throw
 * and every buffer must end released.
 */
class RtpFuzzTest {

    private static final int ITERATIONS = 3000;

    @ParameterizedTest
    @EnumSource(RtpCapture.class)
    void receiverNeverThrowsAndNeverLeaks(RtpCapture capture) {
        List<byte[]> seeds = capture.packets();
        Random random = new Random(7);
        List<ByteBuf> fed = new ArrayList<>();
        Collected out = new Collected();
        RtpReceiver receiver = new RtpReceiver(Captures.depacketizer(capture), 8);
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] p = mutate(seeds.get(random.nextInt(seeds.size())), random);
            ByteBuf b = Packets.pooled(p);
            fed.add(b);
            receiver.receive(b, i, out);
        }
        receiver.flush(out);
        receiver.close();
        out.release();
        LeakCheck.assertReleased(fed);
    }

    @ParameterizedTest
    @EnumSource(RtpCapture.class)
    void depacketizerNeverThrowsAndNeverLeaks(RtpCapture capture) {
        List<byte[]> seeds = capture.packets();
        Random random = new Random(11);
        List<ByteBuf> fed = new ArrayList<>();
        Collected out = new Collected();
        RtpDepacketizer d = Captures.depacketizer(capture);
        RtpPacket view = new RtpPacket();
        long ts = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            byte[] payload = mutate(java.util.Arrays.copyOfRange(seed, 12, seed.length), random);
            ByteBuf b = Packets.pooled(payload);
            fed.add(b);
            ts += random.nextInt(4) == 0 ? random.nextInt(5000) : 0;
            view.set(random.nextInt(3) == 0, 96, i, ts, 1, b);
            d.receive(view, ts, random.nextInt(20) == 0, i, out);
            if (!java.util.Arrays.equals(io.netty.buffer.ByteBufUtil.getBytes(b), payload)) {
                throw new AssertionError("the depacketizer changed its input");
            }
            b.release();
        }
        d.close();
        out.release();
        LeakCheck.assertReleased(fed);
    }

    /** One of: unchanged, a few bit flips, truncated, random bytes, random garbage of random length. */
    static byte[] mutate(byte[] seed, Random random) {
        byte[] p = seed.clone();
        switch (random.nextInt(6)) {
            case 0 -> {
                return p;
            }
            case 1, 2 -> {
                for (int k = random.nextInt(8) + 1; k > 0 && p.length > 0; k--) {
                    p[random.nextInt(p.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 3 -> {
                return java.util.Arrays.copyOf(p, random.nextInt(p.length + 1));
            }
            case 4 -> {
                for (int k = random.nextInt(4) + 1; k > 0 && p.length > 0; k--) {
                    p[random.nextInt(Math.min(p.length, 20))] = (byte) random.nextInt(256);
                }
            }
            default -> {
                byte[] g = new byte[random.nextInt(64)];
                random.nextBytes(g);
                if (g.length > 0 && random.nextBoolean()) {
                    g[0] = (byte) 0x80;
                }
                return g;
            }
        }
        return p;
    }
}
