package io.argus.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The server and every offline command open the metadata through {@code Database.open} (metadata.url decides the
 * engine), never the embedded or the PostgreSQL opener directly: a command that did would open an empty H2 database
 * in the data directory while the node's data is on PostgreSQL.
 */
class MetadataOpenersTest {
    @Test
    void noProductionCodeOpensAnEngineBehindMetadataUrl() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).isDirectory();
        try (Stream<Path> files = Files.walk(main)) {
            List<String> direct = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    String s = Files.readString(p);
                    return s.contains("Database.openEmbedded(") || s.contains("Database.openPostgres(");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).map(Path::toString).toList();
            assertThat(direct).as("openers that bypass Database.open").isEmpty();
        }
    }
}
