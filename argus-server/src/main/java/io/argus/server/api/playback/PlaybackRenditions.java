package io.argus.server.api.playback;

import io.argus.media.codec.format.fmp4.Fmp4Fragment;
import io.argus.media.codec.format.fmp4.Fmp4InitSegment;
import io.argus.media.transcode.RecordedTranscoder;
import io.argus.media.transcode.Rendition;
import io.argus.media.transcode.TranscodeException;
import io.argus.metadata.Camera;
import io.argus.server.api.ApiException;
import io.argus.server.api.ErrorCode;
import io.argus.server.api.MediaPaths;
import io.argus.server.transcode.RecordedTranscodeJob;
import io.argus.server.transcode.TranscodeRefusedException;
import io.argus.server.transcode.TranscodeService;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.playback.Gop;
import io.argus.storage.playback.Playback;
import io.argus.storage.playback.PlaybackPlaylist;
import io.argus.storage.playback.TimedFragment;
import io.argus.storage.playback.WallClockChunk;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;

/**
 * Recorded video in a rendition ({@code ?rendition=} on {@code playback.m3u8} and {@code export.mp4}): the same
 * segments or range as the original, transcoded to H.264 by {@link RecordedTranscoder} on the request's thread.
 * Each transcode holds one of the node's {@code transcode.maxJobs} places while it runs (a full node answers 503
 * {@code transcode_full}) and shows in {@code GET /api/v1/transcodes}. {@code h264} of a recording that is H.264
 * already is the original, untouched.
 */
final class PlaybackRenditions {
    /** Where a rendition playlist's segments live: {@code media/renditions/<chunk>-<offset>.init.mp4|.m4s}. */
    static final String DIR = MediaPaths.MEDIA_DIR + "renditions/";
    static final String INIT = ".init.mp4";
    static final String SEGMENT = ".m4s";

    private final Playback playback;
    private final TranscodeService transcodes;
    private final ByteBufAllocator alloc;
    private final RenditionSegments segments = new RenditionSegments();

    PlaybackRenditions(Playback playback, TranscodeService transcodes, ByteBufAllocator alloc) {
        this.playback = playback;
        this.transcodes = transcodes;
        this.alloc = alloc;
    }

    /** The rendition a request names, or null; 400 naming what is wrong. */
    static Rendition of(Function<String, String> query) {
        try {
            return Rendition.fromQuery(query);
        } catch (IllegalArgumentException e) {
            String name = query.apply("rendition");
            throw new ApiException(ErrorCode.VALIDATION_FAILED, e.getMessage(),
                    Map.of("rendition", name == null ? "" : name));
        }
    }

    /** Whether {@code gops} must be transcoded for {@code r}: {@code h264} of H.264 recordings is the original. */
    static boolean needed(Rendition r, List<Gop> gops) {
        if (!r.equals(Rendition.H264)) {
            return true;
        }
        for (Gop g : gops) {
            if (!g.media().primaryTrack().sampleEntry().equals("avc1")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The playlist of a listing in a rendition: the original's segments one for one, each a transcoded file behind
     * an init section of its own. Refused (503) at once when the node has no room, before a player asks for a
     * segment.
     *
     * @param query appended to every URI: the signature and the rendition's parameters
     */
    String playlist(Playback.Listing listing, String query) {
        check(transcodes::checkRoomForRecorded);
        return PlaybackPlaylist.writeTranscoded(listing.gops(), g -> DIR + name(g) + INIT + query,
                g -> DIR + name(g) + SEGMENT + query, listing.ended());
    }

    private static String name(Gop g) {
        return Playback.chunkId(g.chunk()) + "-" + g.offset();
    }

    /** The init section or the fragment of one segment of {@code gop}, transcoded now or moments ago. */
    byte[] segment(Camera c, Gop gop, Rendition r, boolean init) throws InterruptedException {
        String key = c.id() + "/" + name(gop) + "/" + r.name();
        RenditionSegments.Segment s = segments.get(key, () -> transcode(c, gop, r));
        return init ? s.init() : s.fragment();
    }

    private RenditionSegments.Segment transcode(Camera c, Gop gop, Rendition r) {
        ChunkRecord chunk = gop.chunk();
        try (RecordedTranscodeJob job = admit(() -> transcodes.startRecorded(c.id().toString(), r, "playback"));
             RecordedTranscoder t = new RecordedTranscoder(r, transcodes.hardware(), alloc);
             ReadableChunk file = playback.open(chunk)) {
            job.running(t);
            WallClockChunk served = playback.served(chunk);
            int track = gop.media().primaryTrack().trackId();
            Fmp4Fragment f = transcode(t, file, gop.media().initSize(), gop.offset(), gop.length(),
                    tfdt -> served.wallTfdt(track, tfdt));
            try {
                Fmp4InitSegment init = t.init(null);
                try {
                    return new RenditionSegments.Segment(ByteBufUtil.getBytes(init.content()),
                            ByteBufUtil.getBytes(f.content()), System.nanoTime());
                } finally {
                    init.release();
                }
            } finally {
                f.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Transcodes bytes {@code [offset, offset + length)} of {@code file}; 502 if no picture comes out. */
    private static Fmp4Fragment transcode(RecordedTranscoder t, ReadableChunk file, long initSize, long offset,
                                          long length, LongUnaryOperator decodeTime) throws IOException {
        ByteBuf init = file.read(0, Math.toIntExact(initSize), ByteBufAllocator.DEFAULT);
        try {
            ByteBuf fragments = file.read(offset, Math.toIntExact(length), ByteBufAllocator.DEFAULT);
            try {
                Fmp4Fragment f = t.transcode(init, fragments, decodeTime);
                if (f == null) {
                    throw new ApiException(ErrorCode.DECODE_FAILED, "no picture of the recording at byte " + offset
                            + " of " + file.location() + " could be decoded");
                }
                return f;
            } finally {
                fragments.release();
            }
        } catch (TranscodeException e) {
            throw new ApiException(ErrorCode.DECODE_FAILED, "the recording could not be transcoded: "
                    + e.getMessage());
        } finally {
            init.release();
        }
    }

    /** What an export in a rendition holds: the fragments of each GOP before the range's end. */
    static List<List<TimedFragment>> exportParts(List<Gop> gops, Instant to) {
        List<List<TimedFragment>> parts = new ArrayList<>();
        for (Gop g : gops) {
            List<TimedFragment> part = g.fragments().stream().filter(f -> f.start().isBefore(to)).toList();
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }

    /** An export in a rendition, as it is made. */
    interface ExportOutput {
        /** The first transcoded GOP is ready: set the headers; bytes follow. */
        OutputStream begin() throws IOException;
    }

    /**
     * Transcodes {@code parts} (non-empty) into one fragmented MP4 whose time runs from 0 at the first picture
     * (gaps stay gaps), one fragment per recorded GOP, streamed as it is made. A failure before the first byte is
     * an API error; after it, the output ends short (the client sees a truncated file).
     */
    void export(Camera c, List<List<TimedFragment>> parts, Rendition r, ExportOutput output) throws IOException {
        TimedFragment first = parts.getFirst().getFirst();
        List<TimedFragment> lastPart = parts.getLast();
        Duration total = Duration.between(first.start(), lastPart.getLast().end());
        int track = first.media().primaryTrack().trackId();
        long base = playback.served(first.chunk()).wallTfdt(track, first.fragment().run(track) == null ? 0
                : first.fragment().run(track).baseMediaDecodeTime());
        OutputStream out = null;
        try (RecordedTranscodeJob job = admit(() -> transcodes.startRecorded(c.id().toString(), r, "export"));
             RecordedTranscoder t = new RecordedTranscoder(r, transcodes.hardware(), alloc)) {
            job.running(t);
            ReadableChunk file = null;
            try {
                for (List<TimedFragment> part : parts) {
                    TimedFragment head = part.getFirst();
                    if (file == null || !file.location().equals(head.chunk().location())) {
                        if (file != null) {
                            file.close();
                            file = null;
                        }
                        file = playback.open(head.chunk());
                    }
                    WallClockChunk served = playback.served(head.chunk());
                    long offset = head.fragment().offset();
                    Fmp4Fragment f = transcode(t, file, head.media().initSize(), offset,
                            part.getLast().fragment().end() - offset,
                            tfdt -> served.wallTfdt(track, tfdt) - base);
                    try {
                        if (out == null) {
                            out = output.begin();
                            Fmp4InitSegment init = t.init(total);
                            try {
                                write(out, init.content());
                            } finally {
                                init.release();
                            }
                        }
                        write(out, f.content());
                    } finally {
                        f.release();
                    }
                }
            } finally {
                if (file != null) {
                    file.close();
                }
            }
        }
    }

    private static void write(OutputStream out, ByteBuf bytes) throws IOException {
        bytes.getBytes(bytes.readerIndex(), out, bytes.readableBytes());
    }

    private interface Refusable<T> {
        T get();
    }

    private static void check(Runnable check) {
        admit(() -> {
            check.run();
            return null;
        });
    }

    /** Runs an admission, turning a refusal into its API answer (503 {@code transcode_full} when full). */
    private static <T> T admit(Refusable<T> admit) {
        try {
            return admit.get();
        } catch (TranscodeRefusedException e) {
            throw new ApiException(e.reason() == TranscodeRefusedException.Reason.FULL ? ErrorCode.TRANSCODE_FULL
                    : ErrorCode.DECODE_FAILED, e.getMessage());
        }
    }
}
