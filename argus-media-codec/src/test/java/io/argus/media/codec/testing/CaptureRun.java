package io.argus.media.codec.testing;

import io.argus.media.codec.rtp.RtpDepacketizer;
import io.argus.media.codec.rtp.RtpReceiver;
import io.argus.testkit.LeakCheck;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Feeds packets through an {@link RtpReceiver} in front of a depacketizer, then flushes and closes it. The test
 * calls {@link #release()} at the end: it releases the access units and checks that every packet buffer ended
 * at refCnt 0 (the access units held slices of them).
 *
 * @param out      the access units
 * @param receiver the closed receiver, for its counters
 * @param packets  the packet buffers fed in
 */
public record CaptureRun(Collected out, RtpReceiver receiver, List<ByteBuf> packets) {

    public static CaptureRun run(RtpDepacketizer depacketizer, int reorderWindow, List<byte[]> packets) {
        List<ByteBuf> bufs = Packets.pooled(packets);
        Collected out = new Collected();
        RtpReceiver receiver = new RtpReceiver(depacketizer, reorderWindow);
        long nanos = 0;
        for (ByteBuf b : bufs) {
            receiver.receive(b, nanos++, out);
        }
        receiver.flush(out);
        receiver.close();
        return new CaptureRun(out, receiver, bufs);
    }

    /** Releases the access units and asserts nothing is left referenced. */
    public void release() {
        out.release();
        LeakCheck.assertReleased(packets);
    }
}
