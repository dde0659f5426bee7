package io.argus.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.argus.metadata.Tenants;
import io.argus.server.ArgusServer;
import io.argus.server.config.ArgusConfig;
import io.argus.storage.chunk.ChunkKey;
import io.argus.storage.chunk.ChunkWriter;
import io.argus.testkit.tier.E2e;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory is the node's account's alone (issue 14 L7): the metadata database holds password hashes and
 * sealed secrets, the recordings are video. Made so on a first start whatever the umask (this JVM's is 022), and
 * tightened at the next start when an older version left them readable.
 */
@E2e
class DataDirPermissionsTest {
    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @TempDir
    Path tmp;
    Path dataDir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "no POSIX permissions");
        dataDir = tmp.resolve("data");
    }

    @Test
    void aNewNodeMakesEverythingPrivate() throws Exception {
        try (ArgusServer server = start()) {
            recordAChunk(server);
            assertPrivate();
        }
        assertThat(mode(dataDir.resolve("metadata").resolve("argus.mv.db"))).isEqualTo("rw-------");
        assertThat(mode(dataDir)).isEqualTo("rwx------");
    }

    @Test
    void anOlderDataDirectoryIsTightenedAtStart() throws Exception {
        try (ArgusServer server = start()) {
            recordAChunk(server);
        }
        try (Stream<Path> all = Files.walk(dataDir)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x"
                        : "rw-r--r--"));
            }
        }
        try (ArgusServer restarted = start()) {
            assertThat(restarted.httpPort()).isPositive();
            assertPrivate();
        }
    }

    private ArgusServer start() {
        return ArgusServer.start(ArgusConfig.ephemeral(dataDir, Map.of("admin.password", "pw")));
    }

    private static void recordAChunk(ArgusServer server) throws IOException {
        ChunkWriter w = server.recording().store().create(new ChunkKey(Tenants.DEFAULT_ID, UUID.randomUUID(),
                Instant.now()));
        ByteBuf bytes = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
        try {
            w.append(bytes);
        } finally {
            bytes.release();
        }
        w.close();
    }

    private void assertPrivate() throws IOException {
        List<String> open = new ArrayList<>();
        int recordings = 0;
        try (Stream<Path> all = Files.walk(dataDir)) {
            for (Path p : all.toList()) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                if (perms.stream().anyMatch(OTHERS::contains)) {
                    open.add(dataDir.relativize(p) + " " + PosixFilePermissions.toString(perms));
                }
                recordings += p.toString().endsWith(".mp4") ? 1 : 0;
            }
        }
        assertThat(recordings).as("a recording among them").isEqualTo(1);
        assertThat(open).as("readable by others").isEmpty();
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
