package io.argus.storage.playback;

import io.argus.media.codec.AccessUnit;
import io.argus.media.codec.Codec;
import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.aac.Adts;
import io.argus.media.codec.aac.AdtsHeader;
import io.argus.media.codec.format.fmp4.Fmp4Fragment;
import io.argus.media.codec.format.fmp4.Fmp4FragmentWriter;
import io.argus.media.codec.format.fmp4.Fmp4InitSegment;
import io.argus.media.codec.h264.H264AccessUnits;
import io.argus.media.codec.h264.H264NalType;
import io.argus.media.codec.h265.H265AccessUnits;
import io.argus.media.codec.h265.H265NalType;
import io.argus.storage.chunk.ChunkInfo;
import io.argus.storage.chunk.ChunkKey;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.ChunkWriter;
import io.argus.storage.chunk.Tier;
import io.argus.storage.chunk.VolumeStore;
import io.argus.testkit.SampleMedia;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Recorded chunks made the way the recorder makes them, for playback tests here and in argus-server (shared as
 * this module's test-jar): a testkit sample's access units, an init segment, a fragment flushed at each keyframe
 * (with the keyframe's dts, so every duration is exact), written through the store's chunk writer; the caller
 * adds the returned row to its index.
 *
 * <p>A video sample is 100 pictures at 25 fps (4 s) in 2 GOPs of 2 s, so a chunk is 2 fragments of 2 s.
 */
public final class ChunkFixtures {
    /** 90 kHz ticks per picture at the samples' 25 fps. */
    public static final long FRAME_TICKS = 3600;
    /** A chunk's duration: the samples' 100 pictures at 25 fps. */
    public static final Duration CHUNK_DURATION = Duration.ofSeconds(4);
    /** Samples per AAC-LC frame: one frame's duration at 48 kHz. */
    private static final long AAC_FRAME_TICKS = 1024;
    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

    private ChunkFixtures() {
    }

    /**
     * Writes a chunk of {@code video} (an H.264 or H.265 sample) starting at {@code start}, its camera timestamps
     * from {@code firstDts} (a camera's own clock: continue it for back-to-back chunks, anything for a reconnect),
     * with the AAC sample as a second track if {@code audio}.
     *
     * @param previous the camera's previous chunk, for the hash chain; null for its first
     */
    public static ChunkRecord write(VolumeStore store, UUID tenant, UUID camera, Instant start, SampleMedia video,
                                    boolean audio, long firstDts, ChunkRecord previous) throws IOException {
        Written w = writeOpen(store, tenant, camera, start, video, audio, firstDts);
        ChunkInfo info = w.writer().close();
        return ChunkRecord.of(info, start.plus(CHUNK_DURATION), w.codecs(), Tier.HOT, previous);
    }

    /** A chunk written whole but not closed, as a recorder holds it: its writer and its tracks' codecs string. */
    public record Written(ChunkWriter writer, String codecs) {
    }

    /** Like {@link #write}, but leaves the chunk open; the caller closes or aborts the writer. */
    public static Written writeOpen(VolumeStore store, UUID tenant, UUID camera, Instant start, SampleMedia video,
                                    boolean audio, long firstDts) throws IOException {
        List<AccessUnit> units = new ArrayList<>(videoUnits(video, firstDts));
        List<MediaFormat> formats = new ArrayList<>(List.of(format(video)));
        if (audio) {
            formats.add(aacFormat());
            long audioFirst = firstDts * 48_000 / 90_000;
            long videoEnd = units.size() * FRAME_TICKS;
            for (AccessUnit a : aacUnits(audioFirst)) {
                if ((a.dts() - audioFirst) * 90_000 / 48_000 < videoEnd) {
                    units.add(a);
                } else {
                    a.release();
                }
            }
            units.sort(Comparator.comparingDouble(ChunkFixtures::seconds));
        }
        Fmp4InitSegment init = Fmp4InitSegment.write(formats, ALLOC);
        String codecs = init.codecs();
        ChunkWriter w = store.create(new ChunkKey(tenant, camera, start));
        try {
            w.append(init.content());
            try (Fmp4FragmentWriter muxer = new Fmp4FragmentWriter(init.tracks(), ALLOC)) {
                for (int i = 0; i < units.size(); i++) {
                    AccessUnit au = units.get(i);
                    if (au.track() == 0 && au.keyframe() && muxer.hasPending()) {
                        append(w, muxer.flush(0, au.dts()));
                    }
                    units.set(i, null);
                    if (!muxer.add(au)) {
                        throw new IllegalStateException("muxer refused " + au);
                    }
                }
                append(w, muxer.flush());
            }
        } catch (IOException | RuntimeException e) {
            w.abort();
            units.stream().filter(u -> u != null).forEach(AccessUnit::release);
            throw e;
        } finally {
            init.release();
        }
        return new Written(w, codecs);
    }

    private static void append(ChunkWriter w, Fmp4Fragment f) throws IOException {
        try {
            w.append(f.content());
            w.sync();
        } finally {
            f.release();
        }
    }

    private static double seconds(AccessUnit au) {
        return au.codec() == Codec.AAC ? au.dts() / 48_000.0 : au.dts() / 90_000.0;
    }

    /** The sample's pictures stamped {@code firstDts + i * 3600}; the caller owns them. */
    public static List<AccessUnit> videoUnits(SampleMedia sample, long firstDts) {
        ByteBuf stream = Unpooled.directBuffer(sample.bytes().length).writeBytes(sample.bytes());
        try {
            List<AccessUnit> raw = hevc(sample) ? H265AccessUnits.fromAnnexB(stream, 0, FRAME_TICKS)
                    : H264AccessUnits.fromAnnexB(stream, 0, FRAME_TICKS);
            List<AccessUnit> out = new ArrayList<>(raw.size());
            for (AccessUnit au : raw) {
                out.add(shifted(au, firstDts));
            }
            return out;
        } finally {
            stream.release();
        }
    }

    private static List<AccessUnit> aacUnits(long firstDts) {
        ByteBuf stream = Unpooled.directBuffer().writeBytes(SampleMedia.AAC_48K.bytes());
        try {
            List<ByteBuf> frames = new ArrayList<>();
            Adts.split(stream, frames);
            List<AccessUnit> units = new ArrayList<>(frames.size());
            for (int i = 0; i < frames.size(); i++) {
                units.add(AccessUnit.of(1, Codec.AAC, firstDts + i * AAC_FRAME_TICKS, true, frames.get(i), 0L));
            }
            return units;
        } finally {
            stream.release();
        }
    }

    /** The same pictures re-stamped; takes ownership of {@code au}. */
    private static AccessUnit shifted(AccessUnit au, long offset) {
        if (offset == 0) {
            return au;
        }
        ByteBuf[] units = new ByteBuf[au.unitCount()];
        for (int i = 0; i < units.length; i++) {
            units[i] = au.unit(i).retainedSlice();
        }
        AccessUnit out = AccessUnit.of(au.track(), au.codec(), au.pts() + offset, au.dts() + offset, au.keyframe(),
                units, units.length, au.receivedNanos());
        au.release();
        return out;
    }

    static MediaFormat.Aac aacFormat() {
        ByteBuf stream = Unpooled.wrappedBuffer(SampleMedia.AAC_48K.bytes());
        List<ByteBuf> frames = new ArrayList<>();
        AdtsHeader header = Adts.split(stream, frames);
        frames.forEach(ByteBuf::release);
        stream.release();
        return header.config().toMediaFormat();
    }

    /** The parameter sets in the sample's first access unit as its track format. */
    public static MediaFormat format(SampleMedia sample) {
        List<AccessUnit> units = videoUnits(sample, 0);
        try {
            AccessUnit first = units.get(0);
            boolean hevc = hevc(sample);
            byte[] vps = null;
            byte[] sps = null;
            byte[] pps = null;
            for (int i = 0; i < first.unitCount(); i++) {
                ByteBuf nal = first.unit(i);
                int type = hevc ? H265NalType.of(nal) : H264NalType.of(nal);
                if (hevc && type == H265NalType.VPS) {
                    vps = ByteBufUtil.getBytes(nal);
                } else if (type == (hevc ? H265NalType.SPS : H264NalType.SPS)) {
                    sps = ByteBufUtil.getBytes(nal);
                } else if (type == (hevc ? H265NalType.PPS : H264NalType.PPS)) {
                    pps = ByteBufUtil.getBytes(nal);
                }
            }
            return hevc ? new MediaFormat.H265(vps, sps, pps) : new MediaFormat.H264(sps, pps);
        } finally {
            units.forEach(AccessUnit::release);
        }
    }

    private static boolean hevc(SampleMedia sample) {
        return sample.name().startsWith("H265");
    }
}
