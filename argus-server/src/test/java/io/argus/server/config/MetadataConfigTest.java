package io.argus.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** metadata.url/user/password: empty is the embedded database; the password is a secret wherever config shows. */
class MetadataConfigTest {
    @Test
    void emptyIsTheEmbeddedDatabase() {
        MetadataConfig m = ConfigLoader.load(null, Map.of(), Map.of()).metadata();
        assertThat(m.postgres()).isFalse();
        assertThat(m.url()).isEmpty();
    }

    @Test
    void thePasswordComesFromTheEnvironmentAndIsNeverPrinted() {
        ArgusConfig c = ConfigLoader.load(null, Map.of("ARGUS_METADATA_PASSWORD", "pg-secret-1"),
                Map.of("metadata.url", "jdbc:postgresql://db:5432/argus?sslmode=require&password=pg-secret-2",
                        "metadata.user", "argus"));
        assertThat(c.metadata().postgres()).isTrue();
        assertThat(c.metadata().password()).isEqualTo("pg-secret-1");
        assertThat(ConfigKeys.METADATA_PASSWORD.secret()).isTrue();
        assertThat(ConfigKeys.METADATA_PASSWORD.envName()).isEqualTo("ARGUS_METADATA_PASSWORD");
        assertThat(c.toString()).contains("url=jdbc:postgresql://db:5432/argus?…", "user=argus", "password=(set)")
                .doesNotContain("pg-secret-1").doesNotContain("pg-secret-2");
    }
}
