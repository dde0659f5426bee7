package io.argus.media.codec.format.fmp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.media.codec.MediaFormat;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The formats read back from every init segment {@link Fmp4InitSegment} writes are the ones it was given. */
class Fmp4InitReaderTest {

    @Test
    void formatsRoundTripThroughTheInitSegment() {
        for (SampleMedia video : new SampleMedia[] {SampleMedia.H264_1080P25, SampleMedia.H264_360P25,
            SampleMedia.H265_1080P25, SampleMedia.H265_360P25}) {
            List<MediaFormat> formats = List.of(Fmp4TestMedia.format(video), Fmp4TestMedia.aacFormat());
            Fmp4InitSegment init = Fmp4InitSegment.write(formats, ByteBufAllocator.DEFAULT);
            try {
                ByteBuf content = init.content();
                int before = content.readerIndex();
                assertThat(Fmp4InitReader.formats(content)).as(video.name()).isEqualTo(formats);
                assertThat(content.readerIndex()).isEqualTo(before);
            } finally {
                init.release();
            }
        }
    }

    @Test
    void aCutConfigurationIsAFormatError() {
        Fmp4InitSegment init = Fmp4InitSegment.write(List.of(Fmp4TestMedia.format(SampleMedia.H264_360P25)),
                ByteBufAllocator.DEFAULT);
        try {
            byte[] bytes = new byte[init.content().readableBytes()];
            init.content().getBytes(init.content().readerIndex(), bytes);
            // The avcC's SPS count says 31 parameter sets: more than the box holds.
            String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
            int avcc = text.indexOf("avcC") + 4;
            bytes[avcc + 5] = (byte) 0xff;
            assertThatThrownBy(() -> Fmp4InitReader.formats(Unpooled.wrappedBuffer(bytes)))
                    .isInstanceOf(Mp4FormatException.class).hasMessageContaining("cut");
        } finally {
            init.release();
        }
    }
}
