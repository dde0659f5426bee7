package io.argus.server.roles;

import io.argus.media.path.Backoff;
import io.argus.media.path.PathManager;
import io.argus.media.path.SourceConnector;
import io.argus.media.path.SourceProbe;
import io.argus.media.rtsp.client.RtspClient;
import io.argus.media.rtsp.client.RtspClientConfig;
import io.argus.media.srt.Srt;
import io.argus.media.srt.SrtClient;
import io.argus.media.srt.SrtUnavailableException;
import io.argus.metadata.CameraRepository;
import io.argus.server.camera.CameraOwnership;
import io.argus.server.camera.CameraService;
import io.argus.server.config.IngestConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest and the stream hub: the {@link PathManager} with one path per stored camera, and the camera service
 * that keeps rows and paths in step (including cameras created by RTSP publishers).
 */
public final class MediaRole implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaRole.class);

    private final ScheduledExecutorService scheduler;
    private final RtspClient rtspClient;
    private final Optional<Srt> srt;
    private final Optional<SrtClient> srtClient;
    private final PathManager paths;
    private final CameraService cameras;
    private final SourceProbe probe;

    /**
     * Loads every stored camera into a path, which starts pulling from its source if this node owns the camera.
     *
     * @param rows     the camera rows
     * @param ownPorts  the TCP ports this node serves, which no camera URL may reach ({@link CameraAddresses})
     * @param ownership which cameras this node pulls: a path per camera, pulling only those
     */
    public MediaRole(IngestConfig config, CameraRepository rows, CameraOwnership ownership,
                     Supplier<Set<Integer>> ownPorts, Clock clock) {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("argus-paths").daemon()
                .factory());
        CameraAddresses addresses = new CameraAddresses(config, ownPorts);
        rtspClient = new RtspClient(RtspClientConfig.DEFAULT.withAddresses(addresses), 0);
        srt = loadSrt();
        srtClient = srt.map(s -> srtClient(s, addresses));
        List<SourceConnector> connectors = new ArrayList<>(List.of(rtspClient));
        srtClient.ifPresent(connectors::add);
        paths = new PathManager(connectors, scheduler, new Backoff(config.backoffInitial(), config.backoffMax()));
        cameras = new CameraService(rows, paths, clock, ownership);
        probe = new SourceProbe(connectors);
        try {
            int n = cameras.loadAll();
            paths.setPublishCreator(cameras::createPushCamera);
            LOG.info("media: {} cameras loaded", n);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** libsrt, or empty (said once in the log) when it is not installed: SRT is then off, the rest runs. */
    private static Optional<Srt> loadSrt() {
        try {
            return Optional.of(Srt.load());
        } catch (SrtUnavailableException e) {
            LOG.warn("SRT is off: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static SrtClient srtClient(Srt srt, CameraAddresses addresses) {
        try {
            return new SrtClient(srt, addresses);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        paths.close();
        rtspClient.close();
        srtClient.ifPresent(SrtClient::close);
        srt.ifPresent(Srt::close);
        scheduler.shutdownNow();
    }
    public PathManager paths() {
        return paths;
    }

    public CameraService cameras() {
        return cameras;
    }

    /** libsrt for SRT ingest (listener and caller cameras), or empty when it is not installed. */
    public Optional<Srt> srt() {
        return srt;
    }

    /** Tries a camera's URL with the connectors ingest uses (the connection test before saving a camera). */
    public SourceProbe probe() {
        return probe;
    }
}
