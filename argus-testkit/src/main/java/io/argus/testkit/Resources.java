package io.argus.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads classpath resources of this module. */
final class Resources {
    private Resources() {
    }

    static byte[] bytes(String absoluteName) {
        try (InputStream in = Resources.class.getResourceAsStream(absoluteName)) {
            if (in == null) {
                throw new IllegalStateException("resource missing from the classpath: " + absoluteName);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
