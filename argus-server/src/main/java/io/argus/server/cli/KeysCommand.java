package io.argus.server.cli;

import io.argus.metadata.Tenants;
import io.argus.server.crypto.NodeKeys;
import io.argus.storage.crypto.LocalKeyEncryptionKey;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code argus keys}: rotations of the master key and of a tenant's data key, on a stopped node's data. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Rotate encryption keys on a stopped node (a running one: POST /api/v1/keys/rotate-*).",
        subcommands = {KeysCommand.RotateMaster.class, KeysCommand.RotateData.class})
final class KeysCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "rotate-master", mixinStandardHelpOptions = true,
            description = "Re-wrap every data key under a new master key; no recording or secret is re-encrypted. "
                    + "With a key file, a new key replaces it; with ARGUS_CRYPTO_MASTER_KEY, give the new key in "
                    + "--new-key-file and then set the variable to it.")
    static final class RotateMaster implements Callable<Integer> {
        private final Map<String, String> env;

        @Mixin
        ConfigOptions options;

        @Option(names = "--new-key-file", paramLabel = "FILE",
                description = "The new master key (base64 of 32 bytes); default: a new random key.")
        Path newKeyFile;

        @Spec
        CommandSpec spec;

        RotateMaster(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() throws Exception {
            LocalKeyEncryptionKey next = newKeyFile == null ? null : LocalKeyEncryptionKey.read(newKeyFile);
            try (OfflineNode node = OfflineNode.open(options.load(env, Map.of()))) {
                NodeKeys.MasterRotation r;
                try {
                    r = node.keys.rotateMaster(next);
                } catch (IllegalStateException e) {
                    spec.commandLine().getErr().println("argus: " + e.getMessage());
                    return ArgusCli.EXIT_USAGE;
                }
                spec.commandLine().getOut().println("master key is now " + r.masterKeyId() + ": " + r.rewrapped()
                        + " data key(s) re-wrapped" + (r.keyFile() == null
                        ? "; now set ARGUS_CRYPTO_MASTER_KEY to the content of " + newKeyFile
                        : " (" + r.keyFile() + ")"));
                return 0;
            }
        }
    }

    @Command(name = "rotate-data", mixinStandardHelpOptions = true,
            description = "Make a new data key for a tenant: new recordings and secrets use it, older ones stay "
                    + "readable with their keys.")
    static final class RotateData implements Callable<Integer> {
        private final Map<String, String> env;

        @Mixin
        ConfigOptions options;

        @Option(names = "--tenant", paramLabel = "ID", description = "The tenant; default: the default tenant.")
        UUID tenant = Tenants.DEFAULT_ID;

        @Spec
        CommandSpec spec;

        RotateData(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() throws Exception {
            try (OfflineNode node = OfflineNode.open(options.load(env, Map.of()))) {
                spec.commandLine().getOut().println("tenant " + tenant + ": new data key "
                        + node.keys.rotateData(tenant));
                return 0;
            }
        }
    }
}
