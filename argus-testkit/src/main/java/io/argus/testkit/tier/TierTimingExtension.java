package io.argus.testkit.tier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Appends one line per test class, {@code tier TAB class TAB seconds}, to {@code target/test-tiers.tsv} of the
 * module under test, so {@code ./test.sh} can print the time each tier took. Registered through
 * {@code META-INF/services} with extension autodetection (the parent POM's surefire setup), like the leak check.
 * Only top-level classes are counted: a nested class's time is inside its outer class's.
 */
public final class TierTimingExtension implements BeforeAllCallback, AfterAllCallback {
    static final Path REPORT = Path.of("target", "test-tiers.tsv");
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TierTimingExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        if (topLevel(context)) {
            context.getStore(NS).put("start", System.nanoTime());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        Long start = context.getStore(NS).get("start", Long.class);
        if (start == null || !Files.isDirectory(REPORT.getParent())) {
            return;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String line = String.format("%s\t%s\t%.3f%n", Tier.of(context.getTags()).tag(),
                context.getRequiredTestClass().getName(), seconds);
        Files.writeString(REPORT, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static boolean topLevel(ExtensionContext context) {
        return context.getTestClass().map(c -> c.getEnclosingClass() == null).orElse(false);
    }
}
