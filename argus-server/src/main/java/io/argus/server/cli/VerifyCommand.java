package io.argus.server.cli;

import io.argus.metadata.Camera;
import io.argus.storage.integrity.ChainProblem;
import io.argus.storage.integrity.ChainReport;
import io.argus.storage.integrity.ChainVerifier;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code argus verify}: re-hashes a camera's recordings and walks their hash chain, on a stopped node's data. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a camera's recordings over a range on a stopped node: re-hash every chunk (through "
                + "the store, decrypting if needed) and walk the hash chain from the chunk before the range. "
                + "Exits 1 and lists each missing, altered or reordered chunk if any. A running node: "
                + "GET /api/v1/cameras/{id}/verify.")
final class VerifyCommand implements Callable<Integer> {
    private final Map<String, String> env;

    @Mixin
    ConfigOptions options;

    @Option(names = "--camera", required = true, paramLabel = "ID|NAME", description = "The camera.")
    String camera;

    @Option(names = "--from", required = true, paramLabel = "TIME", description = "Start, ISO-8601 (2026-11-23T10:00:00Z).")
    Instant from;

    @Option(names = "--to", required = true, paramLabel = "TIME", description = "End, ISO-8601.")
    Instant to;

    @Spec
    CommandSpec spec;

    VerifyCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        if (!to.isAfter(from)) {
            spec.commandLine().getErr().println("argus: --to must be after --from");
            return ArgusCli.EXIT_USAGE;
        }
        try (OfflineNode node = OfflineNode.open(options.load(env, Map.of()))) {
            Camera c = node.camera(camera);
            ChainReport r = new ChainVerifier(node.index, node.store).verify(c.tenantId(), c.id(), from, to);
            var out = spec.commandLine().getOut();
            out.printf("camera %s (%s), %s .. %s: %d chunk(s), %d bytes re-hashed; chain start: %s%n", c.name(),
                    c.id(), from, to, r.chunks(), r.bytes(), r.anchor());
            for (ChainProblem p : r.problems()) {
                out.printf("%-9s chunk %d (%s): %s%n", p.kind(), p.chunk(), p.start(), p.detail());
            }
            out.println(r.ok() ? "OK: every chunk is intact and the chain holds"
                    : "FAILED: " + r.problems().size() + " problem(s)");
            out.flush();
            return r.ok() ? 0 : ArgusCli.EXIT_FAILURE;
        }
    }
}
