package io.argus.server.api.playback;

import io.argus.media.transcode.Rendition;
import io.argus.metadata.Camera;
import io.argus.server.api.ApiException;
import io.argus.server.api.ApiModule;
import io.argus.server.api.Audit;
import io.argus.server.api.AuthFilter;
import io.argus.server.api.ByteRange;
import io.argus.server.api.ErrorCode;
import io.argus.server.api.MediaAccess;
import io.argus.server.api.MediaPaths;
import io.argus.server.api.Require;
import io.argus.server.api.ResponseChannel;
import io.argus.server.api.Routes;
import io.argus.server.api.TimeParams;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Action;
import io.argus.server.camera.CameraService;
import io.argus.server.transcode.TranscodeService;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.playback.Gop;
import io.argus.storage.playback.MediaOutput;
import io.argus.storage.playback.Mp4Export;
import io.argus.storage.playback.Playback;
import io.argus.storage.playback.PlaybackException;
import io.argus.storage.playback.PlaybackPlaylist;
import io.argus.storage.playback.TimedFragment;
import io.argus.storage.playback.WallClockChunk;
import io.javalin.http.Context;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Playback of recordings: {@code playback.m3u8} (HLS of byte ranges into chunks), {@code media/chunks/{chunkId}.mp4}
 * (a chunk with byte ranges, its decode times on the wall clock: {@link WallClockChunk}) and {@code export.mp4} (a progressive MP4 of a range). Media paths
 * ({@link MediaPaths}): a bearer token or a signed URL; a signed URL's window bounds what it plays. Each reaches up
 * to the last fragment written of the chunk being recorded (see {@link Playback}). With {@code ?rendition=}
 * ({@link PlaybackRenditions}) the playlist's segments and the export are transcoded to H.264.
 */
public final class PlaybackHandlers implements ApiModule {
    private static final Logger LOG = LoggerFactory.getLogger(PlaybackHandlers.class);
    private static final String CAMERA = "/api/v1/cameras/{id}/";
    static final String CHUNKS = MediaPaths.MEDIA_DIR + "chunks/";
    /** HLS playlists (RFC 8216 §4). */
    private static final String M3U8 = "application/vnd.apple.mpegurl";
    private static final String MP4 = "video/mp4";
    /** A chunk id in a URL: its start in epoch milliseconds, then {@code .mp4}. */
    private static final Pattern CHUNK_FILE = Pattern.compile("(\\d{1,15})\\.mp4");
    /** A rendition segment in a URL: its chunk's id, its GOP's offset in the chunk, init section or fragment. */
    private static final Pattern RENDITION_FILE = Pattern.compile("(\\d{1,15})-(\\d{1,15})("
            + Pattern.quote(PlaybackRenditions.INIT) + "|" + Pattern.quote(PlaybackRenditions.SEGMENT) + ")");
    /** Says an export is a transcode (its rendition), not the recorded original. */
    static final String TRANSCODE_HEADER = "X-Argus-Transcode";
    /** The recorded chunks a transcoded export was made from: how many, the first's and last's SHA-256. */
    static final String TRANSCODED_FROM_HEADER = "X-Argus-Transcoded-From";
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final CameraService cameras;
    private final Playback playback;
    private final Clock clock;
    private final RestoreCheck storage;
    private final PlaybackRenditions renditions;

    /**
     * @param storage     answers 409 {@code restore_needed} for ranges with chunks in an archive storage class
     * @param transcodes  admits and lists the transcodes of renditions
     */
    public PlaybackHandlers(CameraService cameras, Playback playback, Clock clock, RestoreCheck storage,
                            TranscodeService transcodes) {
        this.renditions = new PlaybackRenditions(playback, transcodes, PooledByteBufAllocator.DEFAULT);
        this.cameras = cameras;
        this.storage = storage;
        this.playback = playback;
        this.clock = clock;
    }

    @Override
    public void install(Routes routes) {
        routes.get(CAMERA + MediaPaths.PLAYBACK_HLS, Require.camera(Action.PLAYBACK), Audit.view(AuditActions.PLAYBACK),
                this::playlist)
                .summary("HLS playlist of a recorded range");
        routes.get(CAMERA + CHUNKS + "{chunk}", Require.camera(Action.PLAYBACK), this::chunk)
                .summary("bytes of a recorded chunk (HLS byte ranges)");
        routes.get(CAMERA + PlaybackRenditions.DIR + "{segment}", Require.camera(Action.PLAYBACK),
                this::renditionSegment).summary("a recorded segment transcoded to a rendition (its init section or its fragment)");
        routes.get(CAMERA + MediaPaths.EXPORT_MP4, Require.camera(Action.EXPORT),
                Audit.change(AuditActions.EXPORT, "camera", "id"), this::export)
                .summary("a recorded range as one MP4");
    }

    /** The camera of a media request, checked to exist in the caller's tenant. */
    private Camera camera(MediaAccess access, Context ctx) {
        if (access.camera() == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no camera with id " + ctx.pathParam("id"));
        }
        return cameras.get(access.tenant(), access.camera());
    }

    /** The range asked for, within what the signed URL and the user's time window allow. */
    private static Instant[] range(Context ctx, MediaAccess access) {
        Instant[] r = TimeParams.range(ctx, Playback.MAX_RANGE);
        if (!access.allows(r[0], r[1])) {
            throw new ApiException(ErrorCode.FORBIDDEN, "you may play recordings from "
                    + (access.from() == null ? "any time" : access.from()) + " to "
                    + (access.to() == null ? "now" : access.to()) + " only");
        }
        return r;
    }

    private void playlist(Context ctx) throws IOException {
        MediaAccess access = MediaAccess.of(ctx);
        Camera c = camera(access, ctx);
        Instant[] r = range(ctx, access);
        storage.requireReadable(c.tenantId(), c.id(), r[0], r[1]);
        // Chunk URIs are relative to the playlist; a signed playlist hands its signature on to them.
        String sig = access.signed() ? "?" + AuthFilter.SIG + "=" + URLEncoder.encode(ctx.queryParam(AuthFilter.SIG),
                StandardCharsets.UTF_8) : "";
        Rendition rendition = PlaybackRenditions.of(ctx::queryParam);
        Playback.Listing listing = answer(() -> playback.listing(c.tenantId(), c.id(), r[0], r[1], clock.instant()));
        String body = rendition != null && PlaybackRenditions.needed(rendition, listing.gops())
                ? renditions.playlist(listing, renditionQuery(ctx, sig))
                : PlaybackPlaylist.write(listing.gops(), chunk -> CHUNKS + Playback.chunkId(chunk) + ".mp4" + sig,
                listing.ended());
        ctx.header("Cache-Control", "no-cache").contentType(M3U8).result(body);
    }

    /** The signature (if any) and the rendition's parameters as they came, for a rendition playlist's URIs. */
    private static String renditionQuery(Context ctx, String sig) {
        StringBuilder b = new StringBuilder(sig);
        for (String name : Rendition.QUERY_PARAMETERS) {
            String v = ctx.queryParam(name);
            if (v != null) {
                b.append(b.isEmpty() ? '?' : '&').append(name).append('=').append(URLEncoder.encode(v,
                        StandardCharsets.UTF_8));
            }
        }
        return b.toString();
    }

    /** The recorded chunk a media URL names by its id, within what the caller may play; 404 or 403 otherwise. */
    private ChunkRecord playableChunk(Camera c, MediaAccess access, String id, String file) throws IOException {
        ChunkRecord chunk = (id != null ? playback.chunk(c.tenantId(), c.id(), Long.parseLong(id))
                : java.util.Optional.<ChunkRecord>empty()).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "no recording " + file + " of camera " + c.id()));
        if ((access.from() != null && !chunk.end().isAfter(access.from()))
                || (access.to() != null && !chunk.start().isBefore(access.to()))) {
            throw new ApiException(ErrorCode.FORBIDDEN, "this recording lies outside what you may play (the signed URL's range or your time window)");
        }
        storage.requireReadable(c.tenantId(), c.id(), chunk.start(), chunk.end().plusNanos(1000));
        return chunk;
    }

    private void renditionSegment(Context ctx) throws IOException, InterruptedException {
        MediaAccess access = MediaAccess.of(ctx);
        Camera c = camera(access, ctx);
        String file = ctx.pathParam("segment");
        Matcher m = RENDITION_FILE.matcher(file);
        ChunkRecord chunk = playableChunk(c, access, m.matches() ? m.group(1) : null, file);
        Rendition rendition = PlaybackRenditions.of(ctx::queryParam);
        if (rendition == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "a rendition segment needs its ?rendition=",
                    Map.of("rendition", ""));
        }
        long offset = Long.parseLong(m.group(2));
        Gop gop = playback.gops(c.tenantId(), c.id(), chunk.start(), chunk.end().plusNanos(1000)).stream()
                .filter(g -> g.chunk().equals(chunk) && g.offset() == offset).findFirst()
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no segment " + file + " of camera "
                        + c.id()));
        byte[] body = renditions.segment(c, gop, rendition, m.group(3).equals(PlaybackRenditions.INIT));
        ctx.header("Cache-Control", "private, max-age=60").contentType(MP4).result(body);
    }

    private void chunk(Context ctx) throws IOException {
        MediaAccess access = MediaAccess.of(ctx);
        Camera c = camera(access, ctx);
        Matcher m = CHUNK_FILE.matcher(ctx.pathParam("chunk"));
        ChunkRecord chunk = playableChunk(c, access, m.matches() ? m.group(1) : null, ctx.pathParam("chunk"));
        WallClockChunk served = playback.served(chunk);
        try (ReadableChunk file = playback.open(chunk)) {
            long size = served.size(file);
            ByteRange range;
            try {
                range = ByteRange.parse(ctx.header("Range"), size);
            } catch (ByteRange.Unsatisfiable e) {
                ctx.header("Content-Range", "bytes */" + size);
                throw new ApiException(ErrorCode.RANGE_NOT_SATISFIABLE, "the range " + ctx.header("Range")
                        + " lies outside the " + size + " bytes of this recording");
            }
            long offset = range == null ? 0 : range.first();
            long length = range == null ? size : range.length();
            ctx.header("Accept-Ranges", "bytes").contentType(MP4);
            if (served.open()) {
                // Still being recorded: it grows, and its bytes so far keep the same offsets when it closes.
                ctx.header("Cache-Control", "no-cache");
            } else {
                ctx.header("ETag", "\"" + chunk.sha256() + "-wall\"")
                        .header("Cache-Control", "private, max-age=86400, immutable");
            }
            if (range != null) {
                ctx.status(206).header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
            }
            ctx.res().setContentLengthLong(length);
            stream(ctx, () -> playback.write(served, file, offset, length,
                    MediaOutput.of(new ResponseChannel(ctx.res().getOutputStream()))));
        }
    }

    private void export(Context ctx) throws IOException {
        MediaAccess access = MediaAccess.of(ctx);
        Camera c = camera(access, ctx);
        Instant[] r = range(ctx, access);
        storage.requireReadable(c.tenantId(), c.id(), r[0], r[1]);
        Rendition rendition = PlaybackRenditions.of(ctx::queryParam);
        if (rendition != null) {
            List<Gop> gops = playback.gops(c.tenantId(), c.id(), r[0], r[1]);
            if (PlaybackRenditions.needed(rendition, gops)) {
                exportRendition(ctx, c, r, gops, rendition);
                return;
            }
        }
        Mp4Export export = answer(() -> playback.export(c.tenantId(), c.id(), r[0], r[1]));
        String name = c.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + FILE_TIME.format(export.start()) + ".mp4";
        ctx.contentType(MP4).header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.res().setContentLengthLong(export.contentLength());
        stream(ctx, () -> playback.write(export, MediaOutput.of(new ResponseChannel(ctx.res().getOutputStream()))));
    }

    /**
     * An export transcoded to a rendition. Not the recording: its headers say so and name the recorded chunks it
     * was made from (their SHA-256 in the hash chain), so it can be traced to the evidence but never passes for it.
     */
    private void exportRendition(Context ctx, Camera c, Instant[] r, List<Gop> gops, Rendition rendition)
            throws IOException {
        List<List<TimedFragment>> parts = PlaybackRenditions.exportParts(gops, r[1]);
        if (parts.isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "nothing was recorded from " + r[0] + " to " + r[1]);
        }
        List<ChunkRecord> chunks = parts.stream().map(p -> p.getFirst().chunk()).distinct().toList();
        Instant start = parts.getFirst().getFirst().start();
        String name = c.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + FILE_TIME.format(start) + "-"
                + rendition.name() + ".mp4";
        try {
            renditions.export(c, parts, rendition, () -> {
                ctx.contentType(MP4).header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                        .header(TRANSCODE_HEADER, "rendition=" + rendition.name()
                                + "; a H.264 transcode of the recording, not the recorded original")
                        .header(TRANSCODED_FROM_HEADER, chunks.size() + " recorded chunks, sha256 "
                                + chunks.getFirst().sha256() + " (" + chunks.getFirst().start() + ") to "
                                + chunks.getLast().sha256() + " (" + chunks.getLast().start() + ")");
                ctx.res().flushBuffer();
                return ctx.res().getOutputStream();
            });
        } catch (IOException e) {
            LOG.debug("{} {}: the client went away: {}", ctx.method(), ctx.path(), e.toString());
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    /** Runs a playback call, turning its refusals into API errors. */
    private static <T> T answer(IoSupplier<T> call) throws IOException {
        try {
            return call.get();
        } catch (PlaybackException e) {
            throw new ApiException(switch (e.reason()) {
                case NOTHING_RECORDED -> ErrorCode.NOT_FOUND;
                case FORMAT_CHANGE -> ErrorCode.CONFLICT;
            }, e.getMessage(), e.at() == null ? Map.of() : Map.of("splitAt", e.at().toString()));
        }
    }

    /** Streams a body whose headers are set: a client that goes away is logged, not answered (it is gone). */
    private static void stream(Context ctx, IoAction body) throws IOException {
        ctx.res().flushBuffer();
        try {
            body.run();
        } catch (IOException e) {
            LOG.debug("{} {}: the client went away: {}", ctx.method(), ctx.path(), e.toString());
        }
    }
}
