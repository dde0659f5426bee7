package io.argus.metadata;

import io.argus.testkit.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The engines the repository tests run on, each test on a database of its own: the embedded H2 database in the
 * test's folder, and a real PostgreSQL (the JVM's one {@link EmbeddedPostgres}; each test's database a copy of one
 * migrated once, so a test costs tens of milliseconds, not a migration). A test class runs on both with
 * {@code @ParameterizedClass @MethodSource("io.argus.metadata.Engine#engines")} and
 * {@code @ExtendWith(SystemScope.class)}.
 */
enum Engine {
    H2 {
        @Override
        Database open(Path dir) {
            return Database.openEmbedded(dir);
        }
    },
    POSTGRESQL {
        /** The previous test's database, dropped when the next test opens one (tests run one at a time). */
        private EmbeddedPostgres.Database previous;

        @Override
        synchronized Database open(Path dir) {
            if (previous != null) {
                EmbeddedPostgres.drop(previous);
            }
            previous = EmbeddedPostgres.copyOf(Migrated.TEMPLATE);
            return Database.openPostgres(previous.url(), previous.user(), previous.password());
        }
    };

    /** A fresh, migrated database; {@code dir} is the test's own folder (the embedded database's home). */
    abstract Database open(Path dir);

    /**
     * The engines the repository tests run on: both, unless {@code argus.metadata.engines} names fewer
     * ({@code ./test.sh --fast} keeps to {@code h2}, so the fast tier starts no PostgreSQL).
     */
    static Stream<Engine> engines() {
        String only = System.getProperty("argus.metadata.engines", "");
        return Arrays.stream(values()).filter(e -> only.isBlank()
                || Arrays.stream(only.split(",")).anyMatch(n -> n.trim().equalsIgnoreCase(e.name())));
    }

    /** The migrated template database, made on first use (a holder: H2-only runs never start PostgreSQL). */
    private static final class Migrated {
        static final EmbeddedPostgres.Database TEMPLATE = migrated();

        private static EmbeddedPostgres.Database migrated() {
            EmbeddedPostgres.Database d = EmbeddedPostgres.freshDatabase();
            Database.openPostgres(d.url(), d.user(), d.password()).close();
            return d;
        }
    }
}
