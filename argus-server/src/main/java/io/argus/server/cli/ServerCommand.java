package io.argus.server.cli;

import io.argus.server.ArgusServer;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code argus server}: runs a node until interrupted. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run an Argus node (all roles) until stopped with Ctrl-C or SIGTERM.")
final class ServerCommand implements Callable<Integer> {
    private final Map<String, String> env;

    @Mixin
    ConfigOptions options;

    ServerCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        ArgusServer server = ArgusServer.start(options.load(env, Map.of()));
        server.closeOnShutdown();
        server.awaitClosed();
        return 0;
    }
}
