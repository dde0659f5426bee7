package io.argus.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.client.ArgusApiException;
import io.argus.client.ArgusClient;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code argus storage usage|status|move}: the storage tiers of a running node, through its REST API. */
@Command(name = "storage", mixinStandardHelpOptions = true,
        description = "Storage tiers of a running node: usage and projected cost (usage), the mover's state and "
                + "alert (status), or a mover pass now (move).")
final class StorageCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", description = "usage, status or move")
    String action;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The node (default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--user", defaultValue = "admin", description = "User name (default ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password", defaultValue = "${env:ARGUS_ADMIN_PASSWORD}",
            description = "Password (default: $ARGUS_ADMIN_PASSWORD).")
    String password;

    @Option(names = "--json", description = "Print the API's JSON answer.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!List.of("usage", "status", "move").contains(action)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown action '" + action + "': usage, status or move");
        }
        if (password == null || password.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "a password is needed: --password or ARGUS_ADMIN_PASSWORD");
        }
        PrintWriter out = spec.commandLine().getOut();
        JsonNode answer;
        try {
            ArgusClient node = ArgusClient.of(url).login(user, password);
            answer = switch (action) {
                case "usage" -> node.storageUsage();
                case "status" -> node.storageStatus();
                default -> node.runMover();
            };
        } catch (UncheckedIOException e) {
            spec.commandLine().getErr().println("argus: cannot reach " + url + ": is the node running? ("
                    + e.getCause().getMessage() + ")");
            return ArgusCli.EXIT_FAILURE;
        } catch (ArgusApiException e) {
            spec.commandLine().getErr().println("argus: " + e.getMessage());
            return ArgusCli.EXIT_FAILURE;
        }
        if (json) {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
        } else if (action.equals("usage")) {
            printUsage(answer, out);
        } else {
            printStatus(answer, out);
        }
        return 0;
    }


    static void printUsage(JsonNode u, PrintWriter out) {
        out.printf(Locale.ROOT, "%-6s %10s %16s %14s %12s%n", "tier", "chunks", "bytes", "requests/mo", "cost/mo");
        for (JsonNode t : u.get("tiers")) {
            out.printf(Locale.ROOT, "%-6s %10d %16d %14d %12.2f%n", t.get("tier").asText(), t.get("chunks").asLong(),
                    t.get("bytes").asLong(), t.get("requestsPerMonth").asLong(), t.get("monthlyCost").asDouble());
        }
        out.printf(Locale.ROOT, "projected monthly cost: %.2f%n", u.get("monthlyCost").asDouble());
        out.println();
        out.printf(Locale.ROOT, "%-36s %-6s %10s %16s%n", "camera", "tier", "chunks", "bytes");
        for (JsonNode c : u.get("cameras")) {
            out.printf(Locale.ROOT, "%-36s %-6s %10d %16d%n", c.get("cameraId").asText(), c.get("tier").asText(),
                    c.get("chunks").asLong(), c.get("bytes").asLong());
        }
    }

    static void printStatus(JsonNode s, PrintWriter out) {
        out.println("state:           " + s.get("state").asText() + (s.get("alert").asBoolean() ? " (ALERT)" : ""));
        out.println("backlog:         " + s.get("backlogChunks").asLong() + " chunks, " + s.get("backlogBytes").asLong()
                + " bytes");
        out.println("failing targets: " + s.get("failingTargets"));
        out.println("targets:         " + s.get("targets"));
        out.println("moved:           " + s.get("movedTotal").asLong() + " since start; last pass "
                + s.get("lastPassAt").asText());
        if (!s.get("lastError").isNull()) {
            out.println("last error:      " + s.get("lastError").asText() + " at " + s.get("lastErrorAt").asText());
        }
        JsonNode c = s.path("conversions");
        if (c.path("converted").asLong() > 0 || c.path("failed").asLong() > 0) {
            out.println("conversions:     " + c.get("converted").asLong() + " converted (" + c.get("bytesIn").asLong()
                    + " -> " + c.get("bytesOut").asLong() + " bytes), " + c.get("failed").asLong()
                    + " moved unconverted");
            if (!c.path("lastFailure").isNull()) {
                out.println("last conversion failure: " + c.get("lastFailure").asText());
            }
        }
    }
}
