package io.argus.server.cli;

import io.argus.server.config.ArgusConfig;
import io.argus.server.config.ConfigKeys;
import io.argus.server.config.ConfigLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The configuration flags every server-running command shares; they override file and environment. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
    Path configFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (key dataDir).")
    String dataDir;

    @Option(names = "--http-port", paramLabel = "N", description = "HTTP port, 0 for any free port (key http.port).")
    String httpPort;

    @Option(names = "--rtsp-port", paramLabel = "N", description = "RTSP port, 0 for any free port (key rtsp.port).")
    String rtspPort;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Any configuration key, e.g. --set auth.tokenTtl=8h (repeatable).")
    Map<String, String> set = new LinkedHashMap<>();

    /** The configuration: defaults, then the file, then {@code ARGUS_*} variables, then these flags. */
    ArgusConfig load(Map<String, String> env, Map<String, String> defaults) {
        Map<String, String> cli = new LinkedHashMap<>(set);
        put(cli, ConfigKeys.DATA_DIR.name(), dataDir);
        put(cli, ConfigKeys.HTTP_PORT.name(), httpPort);
        put(cli, ConfigKeys.RTSP_PORT.name(), rtspPort);
        return ConfigLoader.load(defaults, configFile, env, cli);
    }

    private static void put(Map<String, String> cli, String key, String value) {
        if (value != null) {
            cli.put(key, value);
        }
    }
}
