package io.argus.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    Path yaml(String text) throws IOException {
        return Files.writeString(dir.resolve("argus.yaml"), text);
    }

    @Test
    void defaultsComeFromTheKeyTable() {
        ArgusConfig c = ConfigLoader.load(null, Map.of(), Map.of());
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.http()).isEqualTo(new HttpConfig("0.0.0.0", 8080, 64 * 1024));
        assertThat(c.rtsp()).isEqualTo(new RtspConfig(8554, 8000, 8001));
        assertThat(c.ingest().backoffInitial()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.auth().tokenTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(c.metrics().requireAuth()).as("/metrics lists every tenant's cameras").isTrue();
        assertThat(c.ingest().allowedAddresses()).isEmpty();
        assertThat(c.ingest().deniedAddresses()).contains(AddressRange.parse("127.0.0.0/8"),
                AddressRange.parse("::1"));
        assertThat(c.recording().syncInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void fileThenEnvironmentThenCommandLine() throws IOException {
        Path f = yaml("http:\n  port: 9000\n  host: 127.0.0.1\nrtsp.port: 9554\ndataDir: /from/file\n"
                + "auth:\n  tokenTtl: 2h\n");
        ArgusConfig fileOnly = ConfigLoader.load(f, Map.of(), Map.of());
        assertThat(fileOnly.http().port()).isEqualTo(9000);
        assertThat(fileOnly.http().host()).isEqualTo("127.0.0.1");
        assertThat(fileOnly.rtsp().port()).isEqualTo(9554);
        assertThat(fileOnly.auth().tokenTtl()).isEqualTo(Duration.ofHours(2));

        Map<String, String> env = Map.of("ARGUS_HTTP_PORT", "9100", "ARGUS_DATA_DIR", "/from/env",
                "PATH", "/usr/bin", "ARGUS_TRANSPORT", "nio");
        ArgusConfig withEnv = ConfigLoader.load(f, env, Map.of());
        assertThat(withEnv.http().port()).isEqualTo(9100);
        assertThat(withEnv.dataDir()).isEqualTo(Path.of("/from/env"));
        assertThat(withEnv.rtsp().port()).isEqualTo(9554);

        ArgusConfig withCli = ConfigLoader.load(f, env, Map.of("http.port", "9200"));
        assertThat(withCli.http().port()).isEqualTo(9200);
        assertThat(withCli.dataDir()).isEqualTo(Path.of("/from/env"));

        ArgusConfig demoDefault = ConfigLoader.load(Map.of("dataDir", "data/demo"), f, Map.of(), Map.of());
        assertThat(demoDefault.dataDir()).isEqualTo(Path.of("/from/file"));
        assertThat(ConfigLoader.load(Map.of("dataDir", "data/demo"), null, Map.of(), Map.of()).dataDir())
                .isEqualTo(Path.of("data/demo"));
    }

    @Test
    void unknownKeysAreNamed() throws IOException {
        Path f = yaml("http:\n  prot: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of(), Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'http.prot'").hasMessageContaining(f.toString());
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("ARGUS_HTTP_PROT", "1"), Map.of()))
                .hasMessageContaining("ARGUS_HTTP_PROT");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("nope", "1")))
                .hasMessageContaining("'nope'").hasMessageContaining("command line");
    }

    @Test
    void invalidValuesNameTheKeyTheSourceAndTheReason() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("ARGUS_HTTP_PORT", "eighty"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value for http.port (from environment variable ARGUS_HTTP_PORT): "
                        + "'eighty' is not a whole number");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("rtsp.port", "70000")))
                .hasMessageContaining("rtsp.port").hasMessageContaining("not a port");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("auth.tokenTtl", "soon")))
                .hasMessageContaining("auth.tokenTtl").hasMessageContaining("not a duration");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("auth.apiToken.maxTtl", "12h")))
                .hasMessageContaining("auth.apiToken.maxTtl").hasMessageContaining("1d to 3650d");
        assertThat(ConfigLoader.load(null, Map.of(), Map.of("auth.apiToken.maxTtl", "30d")).auth().apiTokenMaxTtl())
                .isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("rtsp.rtcpPort", "8003")))
                .hasMessageContaining("rtsp.rtpPort/rtsp.rtcpPort");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("ingest.backoffMax", "100ms")))
                .hasMessageContaining("ingest.backoffMax");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("recording.syncInterval", "-1s")))
                .hasMessageContaining("recording.syncInterval");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("http:\n  port: [1, 2]\n"), Map.of(), Map.of()))
                .hasMessageContaining("http.port").hasMessageContaining("single value");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("http: {port: 1\n"), Map.of(), Map.of()))
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml"), Map.of(), Map.of()))
                .hasMessageContaining("not found");
    }

    @Test
    void secretsAreNeverPrinted() {
        ArgusConfig c = ConfigLoader.load(null, Map.of("ARGUS_ADMIN_PASSWORD", "hunter2"), Map.of());
        assertThat(c.auth().adminPassword()).isEqualTo("hunter2");
        assertThat(c.toString()).doesNotContain("hunter2");
    }

    @Test
    void environmentNamesAndUnitsParse() {
        assertThat(ConfigKeys.RTSP_RTP_PORT.envName()).isEqualTo("ARGUS_RTSP_RTP_PORT");
        assertThat(ConfigKeys.DATA_DIR.envName()).isEqualTo("ARGUS_DATA_DIR");
        assertThat(ConfigKeys.ADMIN_PASSWORD.envName()).isEqualTo("ARGUS_ADMIN_PASSWORD");
        assertThat(ByteSize.parse("64KiB").bytes()).isEqualTo(65536);
        assertThat(ByteSize.parse("2GiB").toString()).isEqualTo("2GiB");
        assertThat(ByteSize.parse("1000").toString()).isEqualTo("1000");
        assertThatThrownBy(() -> ByteSize.parse("1MB")).hasMessageContaining("not a size");
        assertThat(Parsers.duration("PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Parsers.duration("7d")).isEqualTo(Duration.ofDays(7));
    }
}
