package io.argus.server.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a browser scenario of {@code src/test/browser} (Node + playwright-core driving Debian's Chromium) against a
 * running node and hands back the JSON it printed. Skips the test, saying why, when Chromium or Node is missing or
 * the scenario's npm packages cannot be installed; {@code .ci/run} installs all three.
 */
final class BrowserDriver {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path SCRIPTS = Paths.get("src/test/browser").toAbsolutePath();
    /** Screenshots and downloads: test artifacts under target/. */
    static final Path OUT = Paths.get("target/browser").toAbsolutePath();

    private final String chromium;
    private final String node;

    private BrowserDriver(String chromium, String node) {
        this.chromium = chromium;
        this.node = node;
    }

    /** The driver, or the calling test skipped with the reason. */
    static BrowserDriver require() {
        String chromium = System.getenv().getOrDefault("ARGUS_CHROMIUM", "/usr/bin/chromium");
        Assumptions.assumeTrue(Files.isExecutable(Paths.get(chromium)),
                "Chromium not found at " + chromium + " (apt-get install chromium, or set ARGUS_CHROMIUM): "
                        + "browser tests skipped");
        String node = which("node");
        Assumptions.assumeTrue(node != null, "node not on PATH (apt-get install nodejs npm): browser tests skipped");
        synchronized (BrowserDriver.class) {
            if (!Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core"))) {
                String npm = which("npm");
                Assumptions.assumeTrue(npm != null, "npm not on PATH: browser tests skipped");
                Result ci = exec(List.of(npm, "ci", "--no-audit", "--no-fund"), Map.of(), Duration.ofMinutes(3));
                Assumptions.assumeTrue(ci.exit == 0, "npm ci in " + SCRIPTS + " failed, browser tests skipped:\n"
                        + ci.output);
            }
        }
        return new BrowserDriver(chromium, node);
    }

    /**
     * Runs {@code script} with the node's URL, login and {@code params}; returns its RESULT line, failing the test
     * with everything it printed when there is none or it reports an error.
     */
    JsonNode run(String script, String baseUrl, String password, Map<String, Object> params, Duration timeout)
            throws IOException {
        Files.createDirectories(OUT);
        Result r = exec(List.of(node, SCRIPTS.resolve(script).toString()), Map.of(
                "ARGUS_URL", baseUrl, "ARGUS_USER", "admin", "ARGUS_PASSWORD", password,
                "ARGUS_PARAMS", JSON.writeValueAsString(params), "ARGUS_OUT", OUT.toString(),
                "ARGUS_CHROMIUM", chromium), timeout);
        String line = r.output.lines().filter(l -> l.startsWith("RESULT ")).reduce((a, b) -> b).orElseThrow(() ->
                new AssertionError(script + " printed no result (exit " + r.exit + "):\n" + r.output));
        JsonNode result = JSON.readTree(line.substring("RESULT ".length()));
        if (result.has("error")) {
            throw new AssertionError(script + " failed in the browser: " + result.get("error").asText()
                    + "\n" + r.output);
        }
        return result;
    }

    /**
     * Whether this machine is starved for CPU now (the last minute's load average above twice the cores): timing
     * bounds of the browser tests then hold the product to a looser limit, since a browser that gets no CPU shows
     * no frame, whatever the server does. The build machine is shared with other builds; CI's usually is not.
     */
    static boolean overloaded() {
        try {
            double load = Double.parseDouble(Files.readString(Paths.get("/proc/loadavg")).split(" ")[0]);
            return load > 2.0 * Runtime.getRuntime().availableProcessors();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result exec(List<String> command, Map<String, String> env, Duration timeout) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(SCRIPTS.toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            Path log = Files.createTempFile("argus-browser", ".log");
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return new Result(done ? p.exitValue() : -1, done ? out : out + "\n(timed out after " + timeout + ")");
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }

    private static String which(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        for (String d : dirs) {
            Path p = Paths.get(d, name);
            if (!d.isEmpty() && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
