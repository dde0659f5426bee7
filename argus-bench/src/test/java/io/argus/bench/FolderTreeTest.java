package io.argus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderTreeTest {
    @TempDir
    Path dir;

    @Test
    void deletesTheTreeCountingItsBytesButNotWhatALinkPointsTo() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data/sub"));
        Files.write(dir.resolve("data/a"), new byte[100]);
        Files.write(data.resolve("b"), new byte[50]);
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.write(outside.resolve("keep"), new byte[1000]);
        Files.createSymbolicLink(dir.resolve("data/link"), outside);
        long size = FolderTree.size(dir.resolve("data"));

        FolderTree.Deleted d = FolderTree.delete(dir.resolve("data"));

        assertThat(d.failures()).isEmpty();
        assertThat(d.bytes()).isEqualTo(size).isLessThan(1000).isGreaterThanOrEqualTo(150);
        assertThat(dir.resolve("data")).doesNotExist();
        assertThat(outside.resolve("keep")).hasSize(1000);
    }

    @Test
    void aMissingTreeIsNothingToDelete() {
        assertThat(FolderTree.delete(dir.resolve("never-made"))).isEqualTo(new FolderTree.Deleted(0, List.of()));
        assertThat(FolderTree.size(dir.resolve("never-made"))).isZero();
    }
}
