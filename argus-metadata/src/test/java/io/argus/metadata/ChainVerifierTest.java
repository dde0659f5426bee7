package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.storage.chunk.ChunkInfo;
import io.argus.storage.chunk.ChunkKey;
import io.argus.storage.chunk.ChunkRecord;
import io.argus.storage.chunk.ChunkWriter;
import io.argus.storage.chunk.LocalSegmentStore;
import io.argus.storage.chunk.LocalVolumeConfig;
import io.argus.storage.chunk.Tier;
import io.argus.storage.chunk.VolumeStore;
import io.argus.storage.crypto.EncryptedSegmentStore;
import io.argus.storage.crypto.KeyRing;
import io.argus.storage.crypto.LocalKeyEncryptionKey;
import io.argus.storage.integrity.ChainProblem;
import io.argus.storage.integrity.ChainReport;
import io.argus.storage.integrity.ChainVerifier;
import io.netty.buffer.Unpooled;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The hash chain walked over the real index (H2) and a real local store, plain and encrypted. */
@ParameterizedClass
@MethodSource("io.argus.metadata.Engine#engines")
@ExtendWith(SystemScope.class)
class ChainVerifierTest {
    @Parameter
    Engine engine;

    private static final UUID T = Tenants.DEFAULT_ID;
    private static final UUID CAM = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000001");
    private static final Instant T0 = Instant.parse("2025-07-01T00:00:00Z");
    private static final Duration MIN = Duration.ofMinutes(1);

    @TempDir
    Path dir;
    Database db;
    JdbcChunkIndex index;
    VolumeStore store;
    final List<ChunkRecord> rows = new ArrayList<>();

    @BeforeEach
    void open() {
        db = engine.open(dir.resolve("db"));
        index = new JdbcChunkIndex(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void record(boolean encrypted, int chunks) throws Exception {
        store = new EncryptedSegmentStore(LocalSegmentStore.open(List.of(new LocalVolumeConfig("v0",
                dir.resolve("v0"), 1L << 40, 0))), new KeyRing(new JdbcDataKeyStore(db.dataSource()),
                LocalKeyEncryptionKey.generate(), List.of(), Clock.systemUTC()), encrypted);
        Random r = new Random(1);
        for (int n = 0; n < chunks; n++) {
            ChunkWriter w = store.create(new ChunkKey(T, CAM, T0.plus(MIN.multipliedBy(n))));
            byte[] b = new byte[50_000];
            r.nextBytes(b);
            w.append(Unpooled.wrappedBuffer(b));
            ChunkInfo info = w.close();
            ChunkRecord row = ChunkRecord.of(info, info.key().start().plus(MIN), "H264", Tier.HOT,
                    rows.isEmpty() ? null : rows.get(rows.size() - 1));
            index.add(row);
            rows.add(row);
        }
    }

    private ChainReport verify(int fromMinute, int toMinute) {
        return new ChainVerifier(index, store).verify(T, CAM, T0.plus(MIN.multipliedBy(fromMinute)),
                T0.plus(MIN.multipliedBy(toMinute)));
    }

    private Path file(int n) {
        return dir.resolve("v0").resolve(rows.get(n).location().substring(3));
    }

    private void sql(String statement) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(statement);
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void intactChainVerifiesFromThePreviousChunk(boolean encrypted) throws Exception {
        record(encrypted, 5);
        ChainReport all = verify(0, 5);
        assertThat(all.ok()).as(all.problems().toString()).isTrue();
        assertThat(all.chunks()).isEqualTo(5);
        assertThat(all.bytes()).isEqualTo(5 * 50_000);
        assertThat(all.anchor()).isEqualTo("the camera's first chunk");
        assertThat(verify(2, 4).anchor()).isEqualTo("linked to chunk " + T0.plus(MIN).toEpochMilli()
                + " before the range");
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void flippedByteIsCaught(boolean encrypted) throws Exception {
        record(encrypted, 5);
        try (RandomAccessFile f = new RandomAccessFile(file(2).toFile(), "rw")) {
            f.seek(20_000);
            int b = f.read();
            f.seek(20_000);
            f.write(b ^ 0x01);
        }
        ChainReport report = verify(0, 5);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ChainProblem.Kind.ALTERED);
            assertThat(p.chunk()).isEqualTo(rows.get(2).start().toEpochMilli());
        });
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void missingObjectMissingRowAndReorderedRowsAreCaught(boolean encrypted) throws Exception {
        record(encrypted, 6);
        Files.delete(file(1));
        assertThat(verify(0, 6).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ChainProblem.Kind.MISSING);
            assertThat(p.detail()).contains("not in the store");
        });

        index.delete(T, rows.get(3).location());
        Files.delete(file(3));
        ChainReport gone = verify(0, 6);
        assertThat(gone.problems()).extracting(ChainProblem::kind, ChainProblem::chunk).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ChainProblem.Kind.MISSING, rows.get(1).start().toEpochMilli()),
                org.assertj.core.groups.Tuple.tuple(ChainProblem.Kind.MISSING, rows.get(4).start().toEpochMilli()));

        // Swap the times of chunks 4 and 5 in the index: the chain says 4 comes before 5.
        sql("UPDATE chunks SET start_time = start_time + INTERVAL '1' HOUR, end_time = end_time + INTERVAL '1'"
                + " HOUR WHERE location = '" + rows.get(4).location() + "'");
        sql("UPDATE chunks SET start_time = start_time - INTERVAL '1' MINUTE, end_time = end_time - INTERVAL '1'"
                + " MINUTE WHERE location = '" + rows.get(5).location() + "'");
        sql("UPDATE chunks SET start_time = start_time - INTERVAL '59' MINUTE, end_time = end_time - INTERVAL"
                + " '59' MINUTE WHERE location = '" + rows.get(4).location() + "'");
        ChainReport swapped = verify(0, 7);
        assertThat(swapped.problems()).filteredOn(p -> p.kind() == ChainProblem.Kind.REORDERED)
                .extracting(ChainProblem::chunk).contains(rows.get(4).start().toEpochMilli());
    }
}
