package io.argus.server.cli;

import io.argus.client.ArgusClient;
import io.argus.media.codec.Codec;
import io.argus.server.ArgusServer;
import io.argus.server.auth.AdminBootstrap;
import io.argus.server.config.ArgusConfig;
import io.argus.server.config.ConfigKeys;
import io.argus.sim.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code argus demo}: a node with its data under {@code ./data/demo}, simulated cameras already added, and how
 * to reach it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a demo node (data in ./data/demo unless --data-dir) with simulated cameras added, and "
                + "print how to use it.")
final class DemoCommand implements Callable<Integer> {
    static final String DEFAULT_DATA_DIR = "data/demo";
    private static final String SIM_HOST = "127.0.0.1";

    private final Map<String, String> env;

    @Mixin
    ConfigOptions options;

    @Option(names = "--sim-cameras", defaultValue = "4",
            description = "Simulated cameras to add, sim-1 … sim-N (default ${DEFAULT-VALUE}; 0 for none).")
    int simCameras;

    @Spec
    CommandSpec spec;

    DemoCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        Map<String, String> defaults = new HashMap<>(Map.of(ConfigKeys.DATA_DIR.name(), DEFAULT_DATA_DIR));
        if (simCameras > 0) {
            // The simulator listens on loopback, which camera.deniedAddresses refuses by default.
            defaults.put(ConfigKeys.CAMERA_ALLOWED_ADDRESSES.name(), SIM_HOST + "/32");
        }
        ArgusConfig config = options.load(env, defaults);
        Simulator sim = simCameras > 0
                ? Simulator.start(new Simulator.Config(simCameras, SIM_HOST, 0, Codec.H264, 25, true)) : null;
        ArgusServer server = ArgusServer.start(config);
        server.closeOnShutdown();
        Path pwFile = config.dataDir().resolve(AdminBootstrap.PASSWORD_FILE);
        String password = !config.auth().adminPassword().isEmpty() ? config.auth().adminPassword()
                : Files.exists(pwFile) ? Files.readString(pwFile).strip() : null;
        var out = spec.commandLine().getOut();
        if (sim != null && password != null) {
            ArgusClient cams = ArgusClient.local(server.httpPort()).login("admin", password);
            for (int i = 1; i <= simCameras; i++) {
                cams.upsertCamera("sim-" + i, sim.url(i));
            }
        }
        String api = "http://localhost:" + server.httpPort();
        String rtsp = "rtsp://localhost:" + server.rtspPort();
        out.println();
        out.println("Argus demo is running.");
        out.println("  Web UI    " + api + "/   (live wall, playback, export, admin)");
        out.println("  REST API  " + api + "/api/v1   (health: " + api + "/api/v1/health)");
        out.println("  Cameras   " + api + "/api/v1/cameras   (with the bearer token from POST /api/v1/auth/login)");
        out.println("  Metrics   " + api + "/metrics   (a token with view-system: make a scrape token with POST "
                + "/api/v1/me/tokens {\"name\": \"prometheus\", \"scopes\": [\"view-system\"]} and give it to "
                + "Prometheus as authorization: {credentials_file: <file>}; see README, Metrics)");
        String userInfo = "admin:" + (password == null ? "<password>" : password) + "@";
        out.println("  RTSP      " + rtsp.replace("rtsp://", "rtsp://<user>:<password>@") + "/<camera name>"
                + (sim != null ? ", e.g. ffplay " + rtsp.replace("rtsp://", "rtsp://" + userInfo) + "/sim-1" : ""));
        out.println("  Login     user 'admin', password " + (password == null ? "as configured (admin.password)"
                : password + (config.auth().adminPassword().isEmpty() ? " (from " + pwFile + ")" : "")));
        if (sim != null) {
            out.println("  Cameras   sim-1 … sim-" + simCameras + " pull from a simulator at " + sim.url(1)
                    + " …");
        }
        out.println("Stop with Ctrl-C.");
        out.flush();
        try {
            server.awaitClosed();
        } finally {
            if (sim != null) {
                sim.close();
            }
        }
        return 0;
    }
}
