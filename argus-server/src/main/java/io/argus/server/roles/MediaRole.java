package io.argus.server.roles;

import io.argus.media.path.Backoff;
import io.argus.media.path.PathManager;
import io.argus.media.path.SourceProbe;
import io.argus.media.rtsp.client.RtspClient;
import io.argus.media.rtsp.client.RtspClientConfig;
import io.argus.server.Role;
import io.argus.server.camera.CameraService;
import io.argus.server.config.IngestConfig;
import java.time.Clock;
import java.util.List;
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
public final class MediaRole implements Role {
    private static final Logger LOG = LoggerFactory.getLogger(MediaRole.class);

    private final IngestConfig config;
    private final MetadataRole metadata;
    private final Supplier<Set<Integer>> ownPorts;
    private final Clock clock;
    private ScheduledExecutorService scheduler;
    private RtspClient rtspClient;
    private PathManager paths;
    private CameraService cameras;
    private SourceProbe probe;

    /** @param ownPorts the TCP ports this node serves, which no camera URL may reach ({@link CameraAddresses}) */
    public MediaRole(IngestConfig config, MetadataRole metadata, Supplier<Set<Integer>> ownPorts, Clock clock) {
        this.config = config;
        this.metadata = metadata;
        this.ownPorts = ownPorts;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "media";
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("argus-paths").daemon()
                .factory());
        CameraAddresses addresses = new CameraAddresses(config, ownPorts);
        rtspClient = new RtspClient(RtspClientConfig.DEFAULT.withAddresses(addresses), 0);
        paths = new PathManager(List.of(rtspClient), scheduler, new Backoff(config.backoffInitial(), config.backoffMax()));
        cameras = new CameraService(metadata.cameras(), paths, clock);
        probe = new SourceProbe(List.of(rtspClient));
        int n = cameras.loadAll();
        paths.setPublishCreator(cameras::createPushCamera);
        LOG.info("media: {} cameras loaded", n);
    }

    @Override
    public void stop() {
        paths.close();
        rtspClient.close();
        scheduler.shutdownNow();
    }

    public PathManager paths() {
        return paths;
    }

    public CameraService cameras() {
        return cameras;
    }

    /** Tries a camera's URL with the connectors ingest uses (the connection test before saving a camera). */
    public SourceProbe probe() {
        return probe;
    }
}
