package io.argus.media.codec.sei;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.bits.Rbsp;
import io.argus.media.codec.h264.H264AccessUnits;
import io.argus.media.codec.testing.Hex;
import io.argus.testkit.LeakCheck;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Capture-time SEI: golden bytes, emulation prevention, round trip, and finding it among other SEI. */
class CaptureTimeSeiTest {

    @ParameterizedTest
    @CsvSource({
        "H264, 1700000000123456, 060518 04233b57e15848248922e3864faf0170 00060a2418202240 80",
        "H265, 1700000000123456, 4e010518 04233b57e15848248922e3864faf0170 00060a2418202240 80",
        "H264, 0, 060518 04233b57e15848248922e3864faf0170 0000030000030000030000 80",
        "H264, 1, 060518 04233b57e15848248922e3864faf0170 000003000003000003000180"})
    void goldenBytes(Codec codec, long micros, String hex) {
        byte[] dst = new byte[CaptureTimeSei.MAX_LENGTH + 3];
        int n = CaptureTimeSei.write(codec, micros, dst, 3);
        assertThat(Hex.of(Arrays.copyOfRange(dst, 3, 3 + n))).isEqualTo(hex.replace(" ", ""));
        ByteBuf nal = Unpooled.wrappedBuffer(dst, 3, n);
        assertThat(CaptureTimeSei.read(codec, nal)).isEqualTo(micros);
        assertThat(nal.readerIndex()).as("borrowed, indexes unmoved").isZero();
    }

    @Test
    void uuidConstantMatchesItsString() {
        UUID u = UUID.fromString(CaptureTimeSei.UUID_STRING);
        ByteBuf b = Unpooled.buffer().writeLong(u.getMostSignificantBits()).writeLong(u.getLeastSignificantBits());
        assertThat(ByteBufUtil.getBytes(b)).isEqualTo(CaptureTimeSei.UUID);
    }

    @Test
    void roundTripsAnyTimeWithValidEmulationPrevention() {
        Random random = new Random(1);
        byte[] dst = new byte[CaptureTimeSei.MAX_LENGTH];
        for (int i = 0; i < 20_000; i++) {
            long micros = switch (i % 4) {
                case 0 -> random.nextLong();
                case 1 -> random.nextLong() & 0x0000_ff00_00ff_0000L;
                case 2 -> i;
                default -> 1_700_000_000_000_000L + random.nextInt();
            };
            for (Codec codec : new Codec[] {Codec.H264, Codec.H265}) {
                int n = CaptureTimeSei.write(codec, micros, dst, 0);
                assertThat(n).isLessThanOrEqualTo(CaptureTimeSei.MAX_LENGTH);
                for (int k = 2; k < n; k++) {
                    boolean startCodeLike = dst[k - 2] == 0 && dst[k - 1] == 0 && (dst[k] & 0xff) <= 3
                            && dst[k] != 3;
                    assertThat(startCodeLike).as("emulation at %d of %s", k, Hex.of(dst)).isFalse();
                }
                int header = codec == Codec.H264 ? 1 : 2;
                assertThat(Rbsp.unescape(dst, header, n)).hasSize(2 + 24 + 1);
                assertThat(CaptureTimeSei.read(codec, Unpooled.wrappedBuffer(dst, 0, n))).isEqualTo(micros);
            }
        }
    }

    @Test
    void foundInAnAccessUnitAfterTheEncodersOwnSei() {
        ByteBuf file = Unpooled.wrappedBuffer(SampleMedia.H264_360P25.bytes());
        List<AccessUnit> aus = H264AccessUnits.fromAnnexB(file, 0, 3600);
        AccessUnit first = aus.get(0);
        assertThat(CaptureTimeSei.read(first)).as("x264's own SEI is not ours").isEqualTo(CaptureTimeSei.NOT_FOUND);
        ByteBuf[] units = new ByteBuf[first.unitCount() + 1];
        for (int i = 0; i < first.unitCount(); i++) {
            units[i] = first.unit(i).retainedSlice();
        }
        ByteBuf sei = CaptureTimeSei.build(Codec.H264, 1_234_567_890L, PooledByteBufAllocator.DEFAULT);
        units[units.length - 1] = sei;
        AccessUnit stamped = AccessUnit.of(0, Codec.H264, 0, 0, true, units, units.length, 0);
        assertThat(CaptureTimeSei.read(stamped)).isEqualTo(1_234_567_890L);
        stamped.release();
        aus.forEach(AccessUnit::release);
        LeakCheck.assertReleased(sei);
        assertThat(file.release()).isTrue();
    }

    @Test
    void writesIntoAPreallocatedBufferAndNeverThrowsOnGarbage() {
        ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer(CaptureTimeSei.MAX_LENGTH);
        int n = CaptureTimeSei.write(Codec.H265, 42, direct);
        assertThat(direct.readableBytes()).isEqualTo(n);
        assertThat(CaptureTimeSei.read(Codec.H265, direct)).isEqualTo(42);
        direct.release();
        Random random = new Random(9);
        byte[] valid = new byte[CaptureTimeSei.MAX_LENGTH];
        int len = CaptureTimeSei.write(Codec.H264, 99, valid, 0);
        for (int i = 0; i < 20_000; i++) {
            byte[] m = Arrays.copyOf(valid, random.nextInt(len + 1));
            if (m.length > 1) {
                m[1 + random.nextInt(m.length - 1)] = (byte) random.nextInt(256);
            }
            CaptureTimeSei.read(Codec.H264, Unpooled.wrappedBuffer(m));
        }
    }
}
