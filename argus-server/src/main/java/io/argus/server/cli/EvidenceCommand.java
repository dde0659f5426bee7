package io.argus.server.cli;

import io.argus.metadata.Camera;
import io.argus.storage.evidence.EvidenceException;
import io.argus.storage.evidence.EvidenceExporter;
import io.argus.storage.evidence.EvidenceManifest;
import io.argus.storage.evidence.EvidenceVerifier;
import io.argus.storage.evidence.NodeSigningKey;
import io.argus.storage.playback.ChunkFragments;
import io.argus.storage.playback.Playback;
import io.argus.storage.playback.PlaybackException;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code argus evidence}: export a signed evidence package (stopped node), and check one (anywhere, offline). */
@Command(name = "evidence", mixinStandardHelpOptions = true,
        description = "Signed evidence packages of recordings.",
        subcommands = {EvidenceCommand.Export.class, EvidenceCommand.Verify.class})
final class EvidenceCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the evidence package of a camera's range from a stopped node's data (a running "
                    + "node: GET /api/v1/cameras/{id}/evidence).")
    static final class Export implements Callable<Integer> {
        private final Map<String, String> env;

        @Mixin
        ConfigOptions options;

        @Option(names = "--camera", required = true, paramLabel = "ID|NAME", description = "The camera.")
        String camera;

        @Option(names = "--from", required = true, paramLabel = "TIME", description = "Start, ISO-8601.")
        Instant from;

        @Option(names = "--to", required = true, paramLabel = "TIME", description = "End, ISO-8601.")
        Instant to;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The package (.zip) to write.")
        Path out;

        @Option(names = "--by", paramLabel = "NAME", description = "Who exports it (default: the OS user).")
        String by = System.getProperty("user.name");

        @Spec
        CommandSpec spec;

        Export(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() throws Exception {
            try (OfflineNode node = OfflineNode.open(options.load(env, Map.of()))) {
                Camera c = node.camera(camera);
                Playback playback = new Playback(node.index, node.store, new ChunkFragments(node.store,
                        PooledByteBufAllocator.DEFAULT), PooledByteBufAllocator.DEFAULT);
                EvidenceExporter exporter = new EvidenceExporter(playback, node.index,
                        NodeSigningKey.loadOrCreate(node.config.dataDir()), Clock.systemUTC());
                EvidenceManifest m;
                try (OutputStream o = Files.newOutputStream(out)) {
                    m = exporter.export(c.tenantId(), c.id(), c.name(), from, to, "cli:" + by, o);
                } catch (PlaybackException e) {
                    Files.deleteIfExists(out);
                    spec.commandLine().getErr().println("argus: " + e.getMessage());
                    return ArgusCli.EXIT_FAILURE;
                }
                spec.commandLine().getOut().printf("wrote %s: %d chunk(s), video %d bytes, SHA-256 %s%s%n", out,
                        m.chain().chunks().size(), m.video().bytes(), m.video().sha256(), m.integrity().ok() ? ""
                                : "; WARNING: the recordings are damaged: " + m.integrity().problems());
                return 0;
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check an evidence package offline: the manifest's Ed25519 signature, the video's "
                    + "SHA-256, and the hash chain. Exits 1 with the failed check.")
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "PACKAGE", description = "The package (.zip).")
        Path pkg;

        @Option(names = "--public-key", paramLabel = "PEM",
                description = "The node's public key from a trusted source; without it the package's own key is "
                        + "used, which proves the package is unaltered but not who signed it.")
        Path publicKey;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PublicKey trusted = null;
            if (publicKey != null) {
                try {
                    trusted = NodeSigningKey.publicKey(Files.readString(publicKey, StandardCharsets.US_ASCII));
                } catch (GeneralSecurityException e) {
                    spec.commandLine().getErr().println("argus: " + publicKey + ": " + e.getMessage());
                    return ArgusCli.EXIT_USAGE;
                }
            }
            try {
                EvidenceVerifier.Result r = EvidenceVerifier.verify(pkg, trusted);
                var o = spec.commandLine().getOut();
                EvidenceManifest m = r.manifest();
                o.printf("camera %s (%s), %s .. %s, exported by %s at %s%n", m.camera().name(), m.camera().id(),
                        m.from(), m.to(), m.exportedBy(), m.exportedAt());
                r.checks().forEach(c -> o.println("ok: " + c));
                o.println(r.pinned() ? "VERIFIED" : "VERIFIED (against the package's own key: pass --public-key "
                        + "to know who signed it)");
                o.flush();
                return 0;
            } catch (EvidenceException e) {
                spec.commandLine().getErr().println("argus: evidence check FAILED: " + e.getMessage());
                return ArgusCli.EXIT_FAILURE;
            } catch (java.util.zip.ZipException e) {
                spec.commandLine().getErr().println("argus: evidence check FAILED: " + pkg + " is not a readable "
                        + "zip: " + e.getMessage());
                return ArgusCli.EXIT_FAILURE;
            }
        }
    }
}
