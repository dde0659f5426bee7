package io.argus.server.cli;

import io.argus.metadata.AuditChainVerifier;
import io.argus.metadata.AuditProblem;
import io.argus.server.StartupException;
import io.argus.server.config.ArgusConfig;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code argus audit}: offline work on the audit log, in the metadata database the configuration names. */
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
            description = "Verify the audit log's hash chains; exit 3 naming each tampered row. With the embedded "
                    + "database the node must be stopped (a running node answers GET /api/v1/audit/verify); on "
                    + "PostgreSQL (metadata.url) it may run beside the nodes.")
    static final class Verify implements Callable<Integer> {
        /** Exit status when the chain is broken: distinct from 1 (could not run) so scripts can tell them apart. */
        static final int EXIT_TAMPERED = 3;

        private final Map<String, String> env;

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOptions options;

        Verify(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ArgusConfig config = options.load(env, Map.of());
            AuditChainVerifier.Result r;
            try (OfflineDatabase opened = OfflineDatabase.open(config)) {
                r = new AuditChainVerifier(opened.db.dataSource()).verify();
            } catch (StartupException | IllegalStateException e) {
                err.println("argus: " + e.getMessage() + (config.metadata().postgres() ? ""
                        : " (a running node answers GET /api/v1/audit/verify)"));
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
