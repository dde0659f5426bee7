package io.argus.server.cli;

import io.argus.server.ArgusVersion;
import io.argus.server.StartupException;
import io.argus.server.auth.AccessException;
import io.argus.server.config.ConfigException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code argus} command. */
@Command(name = "argus", mixinStandardHelpOptions = true, versionProvider = ArgusCli.Version.class,
        description = "Argus video management system: live video from IP cameras, re-streamed, recorded and "
                + "served over a REST API.",
        subcommands = {ServerCommand.class, DemoCommand.class, SimCommand.class, BenchCommand.class, UserCommand.class,
                StorageCommand.class, VerifyCommand.class, EvidenceCommand.class, KeysCommand.class,
                AuditCommand.class,
                CommandLine.HelpCommand.class})
public final class ArgusCli implements Runnable {
    /** Exit status for a configuration or usage error (as picocli uses for bad arguments). */
    public static final int EXIT_USAGE = 2;
    /** Exit status when the server could not start or failed. */
    public static final int EXIT_FAILURE = 1;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command: try 'argus server' or 'argus demo' (see 'argus --help').");
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.getenv(), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given environment and output streams; returns the exit status. */
    public static int execute(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new ArgusCli(), new EnvFactory(env));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ConfigException) {
                line.getErr().println("argus: configuration error: " + e.getMessage());
                return EXIT_USAGE;
            }
            if (e instanceof IllegalArgumentException || e instanceof AccessException) {
                line.getErr().println("argus: " + e.getMessage());
                return EXIT_USAGE;
            }
            if (e instanceof StartupException) {
                line.getErr().println("argus: " + e.getMessage());
                return EXIT_FAILURE;
            }
            line.getErr().println("argus: failed: " + e + " (the log above has details)");
            return EXIT_FAILURE;
        });
        return cl.execute(args);
    }

    /** Creates commands with the environment they read configuration from (tests pass their own). */
    private record EnvFactory(Map<String, String> env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == ServerCommand.class) {
                return cls.cast(new ServerCommand(env));
            }
            if (cls == DemoCommand.class) {
                return cls.cast(new DemoCommand(env));
            }
            Object withEnv = OfflineCommands.create(cls, env);
            if (withEnv != null) {
                return cls.cast(withEnv);
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    /** The version from the build ({@link ArgusVersion}) and the Java runtime it runs on. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"argus " + ArgusVersion.get(),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
