package io.argus.media.reencode;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.format.fmp4.Fmp4Fragment;
import io.argus.media.codec.format.fmp4.Fmp4FragmentWriter;
import io.argus.media.codec.format.fmp4.Fmp4InitSegment;
import io.argus.media.codec.h264.AnnexB;
import io.argus.media.transcode.TranscodeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Re-encodes the video of one recorded chunk to H.265 and writes the chunk again in the recorder's container: the
 * same tracks (audio copied as it is), the same fragments (cut where the original's are, so each starts on a
 * keyframe where the original's did), and the same decode and presentation times to the tick, so playback, export
 * and the index's time span see the converted chunk exactly where the original was.
 *
 * <p>Timestamps: x265 runs without B-frames, so it gives one picture out per picture in, in presentation order;
 * the i-th picture out takes the original's i-th presentation time and i-th decode time (identical to the
 * original's own pairs when, as from every camera seen so far, it had no B-frames). Keyframes are forced where the
 * original has them and nowhere else. Before the result is handed back it is parsed again and its fragments,
 * decode times, durations, presentation times and keyframes compared with the original's: any difference is a
 * failure, never a silently shifted recording.
 */
public final class FfmpegChunkReencoder {
    private FfmpegChunkReencoder() {
    }

    /**
     * What came out.
     *
     * @param chunk    the converted chunk's bytes; the caller owns (releases) it
     * @param codecs   its RFC 6381 codecs string ({@code hvc1.1.6.L93.B0,mp4a.40.2})
     * @param pictures pictures re-encoded
     */
    public record Result(ByteBuf chunk, String codecs, long pictures) {
    }

    /** Whether this FFmpeg build has the encoder re-encodes use. */
    public static boolean available() {
        return X265Encoder.available();
    }

    /**
     * Re-encodes {@code chunk}'s video. <b>Borrows</b> {@code chunk}.
     *
     * @throws TranscodeException if the chunk has no H.264/H.265 video, does not parse, or cannot be decoded or
     *                            encoded, or the result would not keep its timestamps
     */
    public static Result reencode(ByteBuf chunk, ChunkReencoding how, ByteBufAllocator alloc)
            throws TranscodeException {
        ChunkSamples in;
        try {
            in = ChunkSamples.of(chunk);
        } catch (IllegalArgumentException e) {
            throw new TranscodeException("the chunk does not parse as a recording: " + e.getMessage());
        }
        if (in.video < 0) {
            throw new TranscodeException("the chunk has no video track");
        }
        MediaFormat source = in.formats.get(in.video);
        List<ChunkSamples.Sample> video = in.track(in.video);
        List<X265Encoder.Packet> packets;
        MediaFormat.H265 encoded;
        X265Encoder enc = new X265Encoder(source, how, alloc);
        try {
            for (ChunkSamples.Sample s : video) {
                enc.decode(chunk, s);
            }
            enc.finish();
            packets = enc.packets();
            encoded = enc.format();
        } catch (TranscodeException | RuntimeException e) {
            enc.packets().forEach(p -> p.data().release());
            throw e;
        } finally {
            enc.close();
        }
        try {
            if (packets.size() != video.size()) {
                throw new TranscodeException(video.size() + " pictures went in, " + packets.size()
                        + " came out (the decoder skipped damaged ones): not converted");
            }
            List<MediaFormat> formats = new ArrayList<>(in.formats);
            formats.set(in.video, encoded);
            Written w = write(chunk, in, formats, packets, alloc);
            try {
                check(in, ChunkSamples.of(w.bytes));
            } catch (IllegalArgumentException e) {
                w.bytes.release();
                throw new TranscodeException("the converted chunk does not parse: " + e.getMessage());
            } catch (TranscodeException e) {
                w.bytes.release();
                throw e;
            }
            return new Result(w.bytes, w.codecs, packets.size());
        } finally {
            packets.forEach(p -> p.data().release());
        }
    }

    private record Written(ByteBuf bytes, String codecs) {
    }

    /** Writes the converted chunk: the original's samples with the video swapped, flushed where it was. */
    private static Written write(ByteBuf chunk, ChunkSamples in, List<MediaFormat> formats,
                                 List<X265Encoder.Packet> packets, ByteBufAllocator alloc) {
        long[] pts = in.presentationTimes(in.video);
        long[] dts = in.decodeTimes(in.video);
        Fmp4InitSegment init = Fmp4InitSegment.write(formats, alloc);
        CompositeByteBuf out = alloc.compositeBuffer(Integer.MAX_VALUE);
        String codecs = init.codecs();
        out.addComponent(true, init.content().retain());
        init.release();
        List<ByteBuf> nals = new ArrayList<>();
        int picture = 0;
        int next = 0;
        try (Fmp4FragmentWriter writer = new Fmp4FragmentWriter(init.tracks(), alloc)) {
            for (int f = 0; f < in.fragments; f++) {
                for (; next < in.samples.size() && in.samples.get(next).fragment() == f; next++) {
                    ChunkSamples.Sample s = in.samples.get(next);
                    if (s.track() == in.video) {
                        X265Encoder.Packet p = packets.get(picture);
                        AnnexB.split(p.data(), nals);
                        ByteBuf[] units = nals.toArray(new ByteBuf[0]);
                        nals.clear();
                        writer.add(AccessUnit.of(s.track(), Codec.H265, pts[picture], dts[picture], p.key(), units,
                                units.length, 0));
                        picture++;
                    } else {
                        writer.add(AccessUnit.of(s.track(), formats.get(s.track()).codec(), s.pts(), s.dts(),
                                s.sync(), new ByteBuf[] {chunk.retainedSlice((int) s.offset(), s.size())}, 1, 0));
                    }
                }
                long nextDts = f + 1 < in.fragments ? in.firstDts(f + 1, in.video) : -1;
                Fmp4Fragment fragment = nextDts >= 0 && writer.pendingSamples(in.video) > 0
                        ? writer.flush(in.video, nextDts) : writer.flush();
                out.addComponent(true, fragment.content().retain());
                fragment.release();
            }
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        return new Written(out, codecs);
    }

    /** The converted chunk's timing must be the original's, fragment by fragment and sample by sample. */
    private static void check(ChunkSamples original, ChunkSamples converted) throws TranscodeException {
        if (original.fragments != converted.fragments || original.samples.size() != converted.samples.size()) {
            throw new TranscodeException("the converted chunk has " + converted.fragments + " fragments and "
                    + converted.samples.size() + " samples, the original " + original.fragments + " and "
                    + original.samples.size());
        }
        for (int t = 0; t < original.formats.size(); t++) {
            if (!Arrays.equals(original.decodeTimes(t), converted.decodeTimes(t))
                    || !Arrays.equals(original.presentationTimes(t), converted.presentationTimes(t))) {
                throw new TranscodeException("the converted chunk's timestamps of track " + (t + 1)
                        + " differ from the original's");
            }
        }
        for (int i = 0; i < original.samples.size(); i++) {
            ChunkSamples.Sample a = original.samples.get(i);
            ChunkSamples.Sample b = converted.samples.get(i);
            if (a.fragment() != b.fragment() || a.track() != b.track()) {
                throw new TranscodeException("sample " + i + " lies in another fragment after conversion");
            }
            boolean fragmentStart = i == 0 || original.samples.get(i - 1).fragment() != a.fragment()
                    || original.samples.get(i - 1).track() != a.track();
            if (fragmentStart && a.track() == original.video && a.sync() && !b.sync()) {
                throw new TranscodeException("fragment " + a.fragment() + " no longer starts on a keyframe");
            }
        }
    }
}
