package io.argus.server.cli;

import io.argus.metadata.AuditChainVerifier;
import io.argus.metadata.AuditProblem;
import io.argus.metadata.Database;
import io.argus.metadata.MetadataException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code argus audit}: offline work on a node's audit log. */
@Command(name = "audit", description = "Work on the audit log of a stopped node.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Walks every tenant's chain on the database and names each edited, deleted, moved or inserted row. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify the audit log's hash chains; exit 3 naming each tampered row. The node must be "
                    + "stopped (a running node answers GET /api/v1/audit/verify).")
    static final class Verify implements Callable<Integer> {
        /** Exit status when the chain is broken: distinct from 1 (could not run) so scripts can tell them apart. */
        static final int EXIT_TAMPERED = 3;

        @Spec
        CommandSpec spec;

        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./data",
                description = "The node's data directory (default ./data).")
        Path dataDir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isDirectory(dataDir.resolve("metadata"))) {
                err.println("argus: no metadata database in " + dataDir.toAbsolutePath());
                return ArgusCli.EXIT_FAILURE;
            }
            AuditChainVerifier.Result r;
            try (Database db = Database.openEmbedded(dataDir)) {
                r = new AuditChainVerifier(db.dataSource()).verify();
            } catch (MetadataException | IllegalStateException e) {
                err.println("argus: cannot open the database in " + dataDir + " (is the node running? stop it, or "
                        + "use GET /api/v1/audit/verify): " + e.getMessage());
                return ArgusCli.EXIT_FAILURE;
            }
            for (AuditProblem p : r.problems()) {
                out.println("TAMPERED tenant " + p.tenantId() + " " + p.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + " seq " + p.seq() + (p.lastSeq() != p.seq() ? "-" + p.lastSeq() : "") + ": " + p.message());
            }
            r.heads().forEach(h -> out.println("head tenant " + h.tenantId() + " seq " + h.seq() + " " + h.hash()));
            out.println((r.intact() ? "OK: " : "FAILED: ") + r.rows() + " rows checked, " + r.problems().size()
                    + " problems");
            return r.intact() ? 0 : EXIT_TAMPERED;
        }
    }
}
