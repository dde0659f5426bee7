package io.argus.server.api.live;

import io.argus.media.hls.LlHlsException;
import io.argus.media.hls.LlHlsServer;
import io.argus.media.hls.LlHlsSettings;
import io.argus.media.mse.MseServer;
import io.argus.media.mse.StreamToMse;
import io.argus.media.path.Path;
import io.argus.media.path.PathManager;
import io.argus.media.stream.Stream;
import io.argus.media.transcode.Rendition;
import io.argus.server.api.ApiException;
import io.argus.server.api.ApiModule;
import io.argus.server.api.Audit;
import io.argus.server.api.AuthFilter;
import io.argus.server.api.ErrorCode;
import io.argus.server.api.MediaAccess;
import io.argus.server.api.MediaPaths;
import io.argus.server.api.Recheck;
import io.argus.server.api.Require;
import io.argus.server.api.ResponseChannel;
import io.argus.server.api.Routes;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Action;
import io.argus.server.auth.SessionRechecks;
import io.argus.server.camera.CameraService;
import io.argus.server.transcode.TranscodeLease;
import io.argus.server.transcode.TranscodeRefusedException;
import io.argus.server.transcode.TranscodeService;
import io.javalin.http.Context;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live viewing: LL-HLS ({@code live.m3u8} and its files under {@code media/live/}) and fMP4 over WebSocket for
 * MSE players ({@code live.ws}). Every path is a media path ({@link MediaPaths}): a bearer token or a signed URL;
 * a signed playlist carries its {@code ?sig=} on to every URI in it. With {@code ?rendition=} ({@link LiveRenditions})
 * both serve the camera's shared live transcode in that rendition instead of its own stream, and a playlist carries
 * the rendition on to its URIs too.
 */
public final class LiveHandlers implements ApiModule, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveHandlers.class);
    static final String CAMERA = "/api/v1/cameras/{id}/";
    /** Where the playlist's files live, relative to the playlist (so under the signed {@code media/} rule). */
    static final String HLS_FILES = MediaPaths.MEDIA_DIR + "live/";
    static final String PLAYLIST_TYPE = "application/vnd.apple.mpegurl";
    static final String MP4_TYPE = "video/mp4";
    private static final String SOCKET = "argus.liveSocket";
    /** The names a live muxer serves; anything else is refused before the camera is even looked at. */
    private static final Pattern LIVE_FILE = Pattern.compile("init\\.mp4|(part)?\\d{1,18}\\.m4s");
    /**
     * How long a request waits for a new transcode's first picture: one 10 s GOP, the longest a camera may make
     * the transcode wait for the keyframe it starts at.
     */
    static final long FIRST_PICTURE_WAIT_SECONDS = 10;

    private final CameraService cameras;
    private final PathManager paths;
    private final LlHlsServer hls;
    private final MseServer mse;
    private final TranscodeService transcodes;
    private final SessionRechecks rechecks;

    /**
     * @param rechecks   ends open sockets whose credential no longer allows them (the node's one re-check loop)
     * @param transcodes the node's shared live transcodes, for {@code ?rendition=}
     */
    public LiveHandlers(CameraService cameras, PathManager paths, SessionRechecks rechecks,
                        TranscodeService transcodes) {
        this(cameras, paths, rechecks, transcodes, LlHlsSettings.DEFAULT);
    }

    public LiveHandlers(CameraService cameras, PathManager paths, SessionRechecks rechecks,
                        TranscodeService transcodes, LlHlsSettings settings) {
        this.cameras = cameras;
        this.paths = paths;
        this.rechecks = rechecks;
        this.transcodes = transcodes;
        this.hls = new LlHlsServer(settings, LlHlsServer.DEFAULT_THREADS);
        this.mse = new MseServer(MseServer.DEFAULT_THREADS);
    }

    @Override
    public void install(Routes routes) {
        routes.get(CAMERA + MediaPaths.LIVE_HLS, Require.camera(Action.VIEW_LIVE), Audit.view(AuditActions.LIVE_VIEW),
                this::playlist)
                .summary("LL-HLS playlist of the live stream");
        routes.get(CAMERA + HLS_FILES + "{file}", Require.camera(Action.VIEW_LIVE), this::file)
                .summary("an LL-HLS part, segment or init segment");
        routes.ws(CAMERA + MediaPaths.LIVE_WS, Require.camera(Action.VIEW_LIVE), Audit.view(AuditActions.LIVE_VIEW),
                this::upgrade, ws -> {
            ws.onConnect(this::connect);
            ws.onClose(this::closed);
            ws.onError(this::closed);
        }).summary("fMP4 over WebSocket for MSE players, starting at the cached keyframe");
    }

    /** The LL-HLS playlist; {@code _HLS_msn} (and {@code _HLS_part}) block until it holds that part. */
    void playlist(Context ctx) throws InterruptedException {
        long msn = number(ctx, "_HLS_msn");
        long part = number(ctx, "_HLS_part");
        if (part >= 0 && msn < 0 || part > Integer.MAX_VALUE) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "_HLS_part needs _HLS_msn");
        }
        String sig = ctx.queryParam(AuthFilter.SIG);
        String params = (MediaAccess.of(ctx).signed() && sig != null
                ? "&" + AuthFilter.SIG + "=" + URLEncoder.encode(sig, StandardCharsets.UTF_8) : "")
                + LiveRenditions.query(ctx::queryParam);
        String query = params.isEmpty() ? "" : "?" + params.substring(1);
        String text;
        try (Live live = live(ctx)) {
            text = await(() -> hls.muxer(live.key, live.stream).playlist(msn, (int) part, HLS_FILES, query));
        }
        ctx.header("Cache-Control", "no-cache").contentType(PLAYLIST_TYPE).result(text);
    }

    /** {@code init.mp4}, a segment or a part; the preload-hinted part blocks until written. */
    void file(Context ctx) throws InterruptedException, IOException {
        String file = ctx.pathParam("file");
        if (!LIVE_FILE.matcher(file).matches()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no such live file: the live files are init.mp4, "
                    + "<msn>.m4s and part<n>.m4s");
        }
        ByteBuf buf;
        try (Live live = live(ctx)) {
            buf = await(() -> hls.muxer(live.key, live.stream).file(file));
        }
        try {
            int n = buf.readableBytes();
            ctx.header("Cache-Control", "no-cache").contentType(MP4_TYPE).header("Content-Length",
                    Integer.toString(n));
            // Jetty's output takes the components' NIO buffers as they are: no copy on the way out.
            ResponseChannel out = new ResponseChannel(ctx.res().getOutputStream());
            for (ByteBuffer b : buf.nioBuffers()) {
                while (b.hasRemaining()) {
                    out.write(b);
                }
            }
        } finally {
            buf.release();
        }
    }

    /**
     * Waits for a muxer's answer on this (virtual) thread; a muxer that stopped meanwhile (idle, stream replaced)
     * is asked once more, which starts a fresh one.
     */
    private static <T> T await(Supplier<CompletableFuture<T>> call) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            CompletableFuture<T> f = call.get();
            try {
                return f.get();
            } catch (InterruptedException e) {
                f.thenAccept(ReferenceCountUtil::release);
                throw e;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof LlHlsException h)) {
                    throw new IllegalStateException(e.getCause());
                }
                if (h.reason() != LlHlsException.Reason.STOPPED || attempt > 0) {
                    throw new ApiException(switch (h.reason()) {
                        case TOO_FAR_AHEAD -> ErrorCode.BAD_REQUEST;
                        case NOT_FOUND -> ErrorCode.NOT_FOUND;
                        case TIMEOUT, STOPPED -> ErrorCode.NOT_LIVE;
                    }, h.getMessage());
                }
            }
        }
    }

    private static long number(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return -1;
        }
        try {
            long v = Long.parseLong(raw);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(ErrorCode.BAD_REQUEST, name + " must be a whole number >= 0", Map.of(name, raw));
    }

    /**
     * What a request watches: the camera's stream, or (with a rendition) its shared transcode, held for the
     * request by a lease; {@code key} names its LL-HLS muxer.
     */
    private record Live(String key, Stream stream, TranscodeLease lease) implements AutoCloseable {
        @Override
        public void close() {
            if (lease != null) {
                lease.close();
            }
        }
    }

    private Live live(Context ctx) throws InterruptedException {
        String id = ctx.pathParam("id");
        Stream source = LiveStreams.of(ctx, cameras, paths);
        Rendition r = LiveRenditions.of(ctx::queryParam);
        if (r == null || !LiveRenditions.needsTranscode(r, source)) {
            return new Live(id, source, null);
        }
        TranscodeLease lease = acquire(id, source, r);
        try {
            Stream t = lease.stream().get(FIRST_PICTURE_WAIT_SECONDS, TimeUnit.SECONDS);
            return new Live(id + "~" + r.name(), t, lease);
        } catch (TimeoutException e) {
            lease.close();
            throw new ApiException(ErrorCode.NOT_LIVE, "no transcoded picture within " + FIRST_PICTURE_WAIT_SECONDS
                    + " s: the camera sent no keyframe");
        } catch (ExecutionException e) {
            lease.close();
            throw new ApiException(ErrorCode.NOT_LIVE, "the transcode ended: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            lease.close();
            throw e;
        }
    }

    private TranscodeLease acquire(String id, Stream source, Rendition r) {
        try {
            return transcodes.acquire(id, source, r);
        } catch (TranscodeRefusedException e) {
            throw new ApiException(switch (e.reason()) {
                case FULL -> ErrorCode.TRANSCODE_FULL;
                case UNSUPPORTED -> ErrorCode.DECODE_FAILED;
                case ENDED -> ErrorCode.NOT_LIVE;
            }, e.getMessage());
        }
    }

    /**
     * Before a {@code live.ws} upgrade: the camera must be live, the rendition valid, and a transcode it needs
     * must fit on this node, so a refusal is an HTTP answer with its reason rather than a socket that closes.
     */
    private void upgrade(Context ctx) {
        Stream source = LiveStreams.of(ctx, cameras, paths);
        Rendition r = LiveRenditions.of(ctx::queryParam);
        if (r != null && LiveRenditions.needsTranscode(r, source)) {
            try {
                transcodes.checkRoom(ctx.pathParam("id"), source, r);
            } catch (TranscodeRefusedException e) {
                throw new ApiException(ErrorCode.TRANSCODE_FULL, e.getMessage());
            }
        }
    }

    private void connect(WsConnectContext ctx) {
        String id = ctx.pathParam("id");
        Stream s = paths.get(id).map(Path::stream).orElse(null);
        LiveSocket socket = new LiveSocket(ctx.session);
        ctx.attribute(SOCKET, socket);
        if (s == null || s.isClosed()) {
            socket.end("the camera's stream ended");
            return;
        }
        Recheck recheck = ctx.attribute(Recheck.ATTRIBUTE);
        socket.watch(recheck.watch(rechecks, socket::revoked));
        Rendition r = LiveRenditions.of(ctx::queryParam);
        if (r == null || !LiveRenditions.needsTranscode(r, s)) {
            socket.attach(mse.open(s, socket));
            return;
        }
        TranscodeLease lease;
        try {
            lease = transcodes.acquire(id, s, r);
        } catch (TranscodeRefusedException e) {
            socket.tryAgainLater(e.getMessage());
            return;
        }
        socket.lease(lease);
        lease.stream().whenComplete((t, failure) -> {
            if (failure != null) {
                socket.end("the transcode ended: " + failure.getMessage());
            } else {
                socket.attach(mse.open(t, socket));
            }
        });
    }

    private void closed(WsContext ctx) {
        LiveSocket socket = ctx.attribute(SOCKET);
        if (socket == null) {
            return;
        }
        StreamToMse feed = socket.detach();
        if (feed != null) {
            LOG.debug("live.ws viewer of camera {} left ({}): {} fragments, {} units skipped",
                    ctx.pathParam("id"), ctx instanceof WsCloseContext c ? c.reason() : "error",
                    feed.fragments(), feed.skipped());
        }
    }

    /** Stops every LL-HLS muxer and the live loops. */
    @Override
    public void close() {
        hls.close();
        mse.close();
    }

    /** The LL-HLS muxers, for tests and stats. */
    public LlHlsServer hls() {
        return hls;
    }
}
