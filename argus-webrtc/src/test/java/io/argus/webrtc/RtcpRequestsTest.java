package io.argus.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.rtcp.RtcpReportBlock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The NACKs and PLIs a WHIP receiver sends, byte for byte (RFC 4585 §6.2.1, §6.3.1 after an empty RR), and read back
 * by the WHEP side's feedback reader as the sequence numbers and keyframe request they name.
 */
class RtcpRequestsTest {

    @Test
    void pliGolden() {
        SrtpPacket p = RtcpRequests.pli(0x11223344L, 0xaabbccddL);
        assertThat(HexFormat.of().formatHex(p.getBuffer(), p.getOffset(), p.getLength()))
                .isEqualTo("80c90001" + "11223344" + "81ce0002" + "11223344" + "aabbccdd");
        assertThat(p.getBuffer().length - p.getLength()).as("room for SRTCP's trailer").isEqualTo(SrtpPacket.TRAILER);
        int[] keyframes = {0};
        RtcpFeedback.read(p.getBuffer(), 0, p.getLength(), 0xaabbccddL, listener(new ArrayList<>(), keyframes));
        assertThat(keyframes[0]).isEqualTo(1);
    }

    @Test
    void nackGoldenAndReadBack() {
        SrtpPacket p = RtcpRequests.nack(1, 2, 0xfffe, 3);
        assertThat(HexFormat.of().formatHex(p.getBuffer(), p.getOffset(), p.getLength()))
                .isEqualTo("80c90001" + "00000001" + "81cd0003" + "00000001" + "00000002" + "fffe0003");
        List<Integer> lost = new ArrayList<>();
        RtcpFeedback.read(p.getBuffer(), 0, p.getLength(), 2, listener(lost, new int[1]));
        assertThat(lost).containsExactly(0xfffe, 0xffff, 0);
    }

    @Test
    void aLongGapTakesSeveralEntriesUpToTheLimit() {
        List<Integer> lost = new ArrayList<>();
        SrtpPacket p = RtcpRequests.nack(1, 2, 100, 40);
        RtcpFeedback.read(p.getBuffer(), 0, p.getLength(), 2, listener(lost, new int[1]));
        assertThat(lost).hasSize(40).startsWith(100, 101).endsWith(139);
        List<Integer> capped = new ArrayList<>();
        SrtpPacket big = RtcpRequests.nack(1, 2, 0, 10_000);
        RtcpFeedback.read(big.getBuffer(), 0, big.getLength(), 2, listener(capped, new int[1]));
        assertThat(capped).hasSize(RtcpRequests.MAX_NACKED);
    }

    private static RtcpFeedback.Listener listener(List<Integer> lost, int[] keyframes) {
        return new RtcpFeedback.Listener() {
            @Override
            public void report(RtcpReportBlock block) {
            }

            @Override
            public void nack(int sequence) {
                lost.add(sequence);
            }

            @Override
            public void keyframeRequest() {
                keyframes[0]++;
            }
        };
    }
}
