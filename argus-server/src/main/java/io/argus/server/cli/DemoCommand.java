package io.argus.server.cli;

import io.argus.server.ArgusServer;
import io.argus.server.auth.AdminBootstrap;
import io.argus.server.config.ArgusConfig;
import io.argus.server.config.ConfigKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code argus demo}: a node with its data under {@code ./data/demo}, and how to reach it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a demo node (data in ./data/demo unless --data-dir) and print how to use it.")
final class DemoCommand implements Callable<Integer> {
    static final String DEFAULT_DATA_DIR = "data/demo";

    private final Map<String, String> env;

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    DemoCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        ArgusConfig config = options.load(env, Map.of(ConfigKeys.DATA_DIR.name(), DEFAULT_DATA_DIR));
        ArgusServer server = ArgusServer.start(config);
        server.closeOnShutdown();
        var out = spec.commandLine().getOut();
        String api = "http://localhost:" + server.httpPort();
        out.println();
        out.println("Argus demo is running.");
        out.println("  REST API  " + api + "/api/v1   (health: " + api + "/api/v1/health)");
        out.println("  Metrics   " + api + "/metrics");
        out.println("  RTSP      rtsp://localhost:" + server.rtspPort() + "/<camera name>");
        Path pw = config.dataDir().resolve(AdminBootstrap.PASSWORD_FILE);
        out.println("  Login     user 'admin', password " + (Files.exists(pw)
                ? Files.readString(pw).strip() + " (from " + pw + ")" : "as configured (admin.password)"));
        out.println("Stop with Ctrl-C.");
        out.flush();
        server.awaitClosed();
        return 0;
    }
}
