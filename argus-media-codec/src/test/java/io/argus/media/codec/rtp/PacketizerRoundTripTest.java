package io.argus.media.codec.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.aac.AudioSpecificConfig;
import io.argus.media.codec.h264.H264AccessUnits;
import io.argus.media.codec.h265.H265AccessUnits;
import io.argus.media.codec.testing.Collected;
import io.argus.media.codec.testing.NalAssert;
import io.argus.testkit.LeakCheck;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sample access units → packetizer → receiver → depacketizer, byte-exact, at MTUs that force fragmentation and
 * at one where small units go whole; and the packets' payloads are slices of the source, not copies.
 */
class PacketizerRoundTripTest {

    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

    @ParameterizedTest
    @CsvSource({"H264_1080P25, 1400", "H264_360P25, 200", "H264_360P25, 9000", "H265_1080P25, 1400",
        "H265_360P25, 300", "AAC_48K, 1400", "AAC_48K, 60"})
    void roundTripIsByteExactAndZeroCopy(SampleMedia sample, int mtu) {
        ByteBuf file = ALLOC.directBuffer().writeBytes(sample.bytes());
        List<AccessUnit> source = accessUnits(sample, file);
        MediaFormat format = format(sample);
        RtpPacketizer packetizer = RtpPayloadFormats.packetizer(format, 96, 0x1234, 65_000, mtu);
        Collected out = new Collected();
        RtpReceiver receiver = new RtpReceiver(RtpPayloadFormats.depacketizer(format), 0);
        List<ByteBuf> packets = new ArrayList<>();
        long step = sample == SampleMedia.AAC_48K ? 1024 : 3600;
        for (int i = 0; i < source.size(); i++) {
            AccessUnit au = source.get(i);
            packetizer.packetize(au, 0xffff_0000L + i * step, ALLOC, (header, payload) -> {
                assertThat(header.readableBytes()).isLessThanOrEqualTo(mtu);
                assertThat(root(payload)).as("payload is a slice of the source").isSameAs(root(file));
                CompositeByteBuf packet = ALLOC.compositeBuffer(2).addComponents(true, header, payload);
                assertThat(packet.readableBytes()).isLessThanOrEqualTo(mtu);
                packets.add(packet);
                receiver.receive(packet, 0, out);
            });
        }
        receiver.close();
        try {
            assertThat(out.units).hasSize(source.size());
            assertThat(receiver.packetsLost()).isZero();
            assertThat(packetizer.nextSequence()).isEqualTo((65_000 + packets.size()) & 0xffff);
            for (int i = 0; i < source.size(); i++) {
                NalAssert.assertSameBytes(Collected.nals(out.units.get(i)), Collected.nals(source.get(i)));
                assertThat(out.units.get(i).pts()).isEqualTo(i * step);
                assertThat(out.units.get(i).keyframe()).isEqualTo(source.get(i).keyframe());
            }
        } finally {
            out.release();
            source.forEach(AccessUnit::release);
            file.release();
        }
        LeakCheck.assertReleased(packets);
        LeakCheck.assertReleased(file);
    }

    /**
     * {@code packetizeInto} (one buffer per unit, each packet behind its framing) writes the very packets
     * {@code packetize} emits, in order, and exactly {@code packetizedLength} bytes for the NAL unit formats.
     */
    @ParameterizedTest
    @CsvSource({"H264_1080P25, 1400", "H264_360P25, 200", "H265_1080P25, 1400", "H265_360P25, 300",
        "AAC_48K, 60"})
    void packetizeIntoWritesTheSamePacketsFramed(SampleMedia sample, int mtu) {
        ByteBuf file = ALLOC.directBuffer().writeBytes(sample.bytes());
        List<AccessUnit> source = accessUnits(sample, file);
        MediaFormat format = format(sample);
        RtpPacketizer zeroCopy = RtpPayloadFormats.packetizer(format, 96, 0x1234, 65_000, mtu);
        RtpPacketizer framed = RtpPayloadFormats.packetizer(format, 96, 0x1234, 65_000, mtu);
        try {
            for (int i = 0; i < source.size(); i++) {
                AccessUnit au = source.get(i);
                ByteBuf expected = ALLOC.buffer();
                zeroCopy.packetize(au, i * 3600L, ALLOC, (header, payload) -> {
                    expected.writeShort(0xabcd).writeShort(header.readableBytes() + payload.readableBytes());
                    expected.writeBytes(header).writeBytes(payload);
                    header.release();
                    payload.release();
                });
                int length = framed.packetizedLength(au, 4);
                ByteBuf out = ALLOC.directBuffer(length);
                framed.packetizeInto(au, i * 3600L, out, (buf, packetLength) -> {
                    assertThat(packetLength).isLessThanOrEqualTo(mtu);
                    buf.writeShort(0xabcd).writeShort(packetLength);
                });
                try {
                    assertThat(ByteBufUtil.equals(out, expected)).as("unit %d", i).isTrue();
                    if (sample != SampleMedia.AAC_48K) {
                        assertThat(out.readableBytes()).as("unit %d", i).isEqualTo(length);
                    }
                } finally {
                    out.release();
                    expected.release();
                }
            }
            assertThat(framed.nextSequence()).isEqualTo(zeroCopy.nextSequence());
        } finally {
            source.forEach(AccessUnit::release);
            file.release();
        }
        LeakCheck.assertReleased(file);
    }

    private static ByteBuf root(ByteBuf b) {
        while (b.unwrap() != null) {
            b = b.unwrap();
        }
        return b;
    }

    private static List<AccessUnit> accessUnits(SampleMedia sample, ByteBuf file) {
        return switch (sample) {
            case H264_1080P25, H264_360P25 -> H264AccessUnits.fromAnnexB(file, 0, 3600);
            case H265_1080P25, H265_360P25 -> H265AccessUnits.fromAnnexB(file, 0, 3600);
            case AAC_48K -> {
                List<AccessUnit> out = new ArrayList<>();
                List<ByteBuf> frames = new ArrayList<>();
                io.argus.media.codec.aac.Adts.split(file, frames);
                for (int i = 0; i < frames.size(); i++) {
                    out.add(AccessUnit.of(0, Codec.AAC, i * 1024L, true, frames.get(i), 0));
                }
                yield out;
            }
        };
    }

    private static MediaFormat format(SampleMedia sample) {
        return switch (sample) {
            case H264_1080P25, H264_360P25 -> new MediaFormat.H264(null, null);
            case H265_1080P25, H265_360P25 -> new MediaFormat.H265(null, null, null);
            case AAC_48K -> AudioSpecificConfig.aacLc(48_000, 2).toMediaFormat();
        };
    }
}
