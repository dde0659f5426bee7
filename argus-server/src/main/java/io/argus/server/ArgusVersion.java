package io.argus.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The Argus version this node runs, from the build ({@code version.properties}, filtered by Maven): what
 * {@code argus --version} prints and what the node announces to the cluster, so a rolling upgrade shows which
 * nodes run what.
 */
public final class ArgusVersion {
    private static final String VERSION = read();

    private ArgusVersion() {
    }

    /** The version, or {@code unknown} when the classes were not built by Maven (an IDE's own compiler). */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        Properties p = new Properties();
        try (InputStream in = ArgusVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading version.properties from the classpath", e);
        }
        return p.getProperty("version", "unknown");
    }
}
