package io.argus.server.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Everything a node needs to start, already validated. Build it with {@link ConfigLoader}. */
public record ArgusConfig(Path dataDir, HttpConfig http, RtspConfig rtsp, IngestConfig ingest, AuthConfig auth,
                          RecordingConfig recording, MetricsConfig metrics, StorageConfig storage,
                          CryptoConfig crypto, TlsConfig tls, RtmpConfig rtmp, SrtConfig srt,
                          TranscodeConfig transcode, MetadataConfig metadata, ClusterConfig cluster,
                          AnalyticsConfig analytics, WebRtcConfig webrtc, AlertsConfig alerts) {
    public ArgusConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(rtsp, "rtsp");
        Objects.requireNonNull(ingest, "ingest");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(recording, "recording");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(crypto, "crypto");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(rtmp, "rtmp");
        Objects.requireNonNull(srt, "srt");
        Objects.requireNonNull(transcode, "transcode");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(analytics, "analytics");
        Objects.requireNonNull(webrtc, "webrtc");
        Objects.requireNonNull(alerts, "alerts");
    }

    static ArgusConfig of(ConfigValues v) {
        return new ArgusConfig(v.get(ConfigKeys.DATA_DIR),
                new HttpConfig(v.get(ConfigKeys.HTTP_HOST), v.get(ConfigKeys.HTTP_PORT),
                        v.get(ConfigKeys.HTTP_MAX_BODY).bytes()),
                new RtspConfig(v.get(ConfigKeys.RTSP_PORT), v.get(ConfigKeys.RTSP_RTP_PORT),
                        v.get(ConfigKeys.RTSP_RTCP_PORT)),
                new IngestConfig(v.get(ConfigKeys.INGEST_BACKOFF_INITIAL), v.get(ConfigKeys.INGEST_BACKOFF_MAX),
                        v.get(ConfigKeys.CAMERA_DENIED_ADDRESSES), v.get(ConfigKeys.CAMERA_ALLOWED_ADDRESSES)),
                new AuthConfig(v.get(ConfigKeys.AUTH_TOKEN_TTL), v.get(ConfigKeys.ADMIN_PASSWORD),
                        v.get(ConfigKeys.MEDIA_URL_SECRET), new AuthConfig.Lockout(
                                v.get(ConfigKeys.AUTH_LOCKOUT_MAX_FAILURES),
                                v.get(ConfigKeys.AUTH_LOCKOUT_MAX_FAILURES_PER_SOURCE),
                                v.get(ConfigKeys.AUTH_LOCKOUT_WINDOW), v.get(ConfigKeys.AUTH_LOCKOUT_DURATION)),
                        v.get(ConfigKeys.AUTH_PASSWORD_MIN_LENGTH), v.get(ConfigKeys.RTSP_ANONYMOUS_READ),
                        v.get(ConfigKeys.AUTH_API_TOKEN_MAX_TTL)),
                new RecordingConfig(v.get(ConfigKeys.RECORDING_DIR).stream().map(v.get(ConfigKeys.DATA_DIR)::resolve)
                        .toList(),
                        v.get(ConfigKeys.RECORDING_MAX_SIZE).bytes(), v.get(ConfigKeys.RECORDING_MIN_FREE).bytes(),
                        v.get(ConfigKeys.RECORDING_CHUNK_DURATION), v.get(ConfigKeys.RECORDING_SYNC_INTERVAL)),
                new MetricsConfig(v.get(ConfigKeys.METRICS_REQUIRE_AUTH)),
                new StorageConfig(v.get(ConfigKeys.STORAGE_S3_TARGETS), v.get(ConfigKeys.STORAGE_MOVER_INTERVAL),
                        java.util.Map.of(
                                "hot", new StorageConfig.Price(v.get(ConfigKeys.STORAGE_PRICE_HOT_GB),
                                        v.get(ConfigKeys.STORAGE_PRICE_HOT_REQ)),
                                "warm", new StorageConfig.Price(v.get(ConfigKeys.STORAGE_PRICE_WARM_GB),
                                        v.get(ConfigKeys.STORAGE_PRICE_WARM_REQ)),
                                "cold", new StorageConfig.Price(v.get(ConfigKeys.STORAGE_PRICE_COLD_GB),
                                        v.get(ConfigKeys.STORAGE_PRICE_COLD_REQ))),
                        new StorageConfig.Reencode(v.get(ConfigKeys.STORAGE_REENCODE_PRESET),
                                v.get(ConfigKeys.STORAGE_REENCODE_THREADS))),
                new CryptoConfig(v.get(ConfigKeys.CRYPTO_ENCRYPT_RECORDINGS),
                        v.get(ConfigKeys.DATA_DIR).resolve(v.get(ConfigKeys.CRYPTO_MASTER_KEY_FILE)),
                        v.get(ConfigKeys.CRYPTO_MASTER_KEY)),
                tls(v),
                new RtmpConfig(v.get(ConfigKeys.RTMP_ENABLED), v.get(ConfigKeys.RTMP_PORT),
                        v.get(ConfigKeys.RTMPS_PORT)),
                SrtConfig.of(v.get(ConfigKeys.SRT_ENABLED), v.get(ConfigKeys.SRT_PORT),
                        v.get(ConfigKeys.SRT_PASSPHRASE), v.get(ConfigKeys.SRT_PBKEYLEN)),
                new TranscodeConfig(v.get(ConfigKeys.TRANSCODE_MAX_JOBS), v.get(ConfigKeys.TRANSCODE_LINGER)),
                new MetadataConfig(v.get(ConfigKeys.METADATA_URL), v.get(ConfigKeys.METADATA_USER),
                        v.get(ConfigKeys.METADATA_PASSWORD)),
                new ClusterConfig(v.get(ConfigKeys.CLUSTER_KAFKA), v.get(ConfigKeys.CLUSTER_NODE),
                        v.get(ConfigKeys.CLUSTER_CAPACITY), v.get(ConfigKeys.CLUSTER_SHARDS),
                        v.get(ConfigKeys.CLUSTER_ADVERTISED_URL), v.get(ConfigKeys.CLUSTER_SECRET),
                        v.get(ConfigKeys.CLUSTER_RELAY_IDLE)),
                new AnalyticsConfig(v.get(ConfigKeys.ANALYTICS_ENABLED), v.get(ConfigKeys.ANALYTICS_THREADS),
                        v.get(ConfigKeys.ANALYTICS_WIDTH), v.get(ConfigKeys.ANALYTICS_GPU),
                        v.get(ConfigKeys.ANALYTICS_QUIET_INTERVAL), v.get(ConfigKeys.ANALYTICS_MOTION_FPS),
                        v.get(ConfigKeys.ANALYTICS_DETECTION_FPS), v.get(ConfigKeys.ANALYTICS_DETECTOR),
                        v.get(ConfigKeys.ANALYTICS_DETECTOR_LABELS), v.get(ConfigKeys.ANALYTICS_INFERENCE_URL),
                        v.get(ConfigKeys.ANALYTICS_INFERENCE_MODEL), v.get(ConfigKeys.EVENTS_PROTECT_DAYS),
                        v.get(ConfigKeys.ANALYTICS_FIXED_FPS)),
                new WebRtcConfig(v.get(ConfigKeys.WEBRTC_ENABLED), v.get(ConfigKeys.WEBRTC_PORT),
                        v.get(ConfigKeys.WEBRTC_ICE_SERVERS)),
                alerts(v));
    }

    private static AlertsConfig alerts(ConfigValues v) {
        return new AlertsConfig(new AlertsConfig.Webhooks(v.get(ConfigKeys.WEBHOOKS_DENIED_ADDRESSES),
                v.get(ConfigKeys.WEBHOOKS_ALLOWED_ADDRESSES), v.get(ConfigKeys.WEBHOOKS_MAX_ATTEMPTS),
                v.get(ConfigKeys.WEBHOOKS_RETRY_INITIAL), v.get(ConfigKeys.WEBHOOKS_TIMEOUT),
                v.get(ConfigKeys.WEBHOOKS_QUEUE)),
                new AlertsConfig.Mqtt(v.get(ConfigKeys.MQTT_URL), v.get(ConfigKeys.MQTT_USER),
                        v.get(ConfigKeys.MQTT_PASSWORD), v.get(ConfigKeys.MQTT_TOPIC_PREFIX),
                        v.get(ConfigKeys.MQTT_DISCOVERY), v.get(ConfigKeys.MQTT_DISCOVERY_PREFIX),
                        v.get(ConfigKeys.MQTT_QUEUE)));
    }

    private static TlsConfig tls(ConfigValues v) {
        Path dataDir = v.get(ConfigKeys.DATA_DIR);
        return new TlsConfig(v.get(ConfigKeys.TLS_ENABLED),
                v.get(ConfigKeys.TLS_CERT_FILE).map(dataDir::resolve).orElse(null),
                v.get(ConfigKeys.TLS_KEY_FILE).map(dataDir::resolve).orElse(null),
                v.get(ConfigKeys.TLS_KEYSTORE).map(dataDir::resolve).orElse(null),
                v.get(ConfigKeys.TLS_KEYSTORE_PASSWORD), v.get(ConfigKeys.TLS_NAMES),
                v.get(ConfigKeys.TLS_MIN_VERSION) == 3, v.get(ConfigKeys.HTTPS_PORT), v.get(ConfigKeys.HTTP_PLAIN),
                v.get(ConfigKeys.RTSPS_PORT));
    }

    /**
     * Defaults with the given data directory, loopback HTTP, RTSP, RTMP, SRT and WebRTC on free ports, UDP off,
     * analytics off, and cameras allowed on loopback (where tests run their simulators; the node's own ports stay
     * refused): for tests and tools that run several servers side by side.
     *
     * @param overrides further keys by name, e.g. {@code admin.password}
     */
    public static ArgusConfig ephemeral(Path dataDir, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of(
                ConfigKeys.DATA_DIR.name(), dataDir.toString(),
                ConfigKeys.HTTP_HOST.name(), "127.0.0.1",
                ConfigKeys.HTTP_PORT.name(), "0",
                ConfigKeys.RTSP_PORT.name(), "0",
                ConfigKeys.RTSP_RTP_PORT.name(), "0",
                ConfigKeys.RTSP_RTCP_PORT.name(), "0",
                ConfigKeys.HTTPS_PORT.name(), "0",
                ConfigKeys.RTSPS_PORT.name(), "0",
                ConfigKeys.CAMERA_ALLOWED_ADDRESSES.name(), "127.0.0.0/8,::1/128"));
        values.put(ConfigKeys.RTMP_PORT.name(), "0");
        values.put(ConfigKeys.RTMPS_PORT.name(), "0");
        values.put(ConfigKeys.SRT_PORT.name(), "0");
        // Analytics decode every simulated camera's moving test card at the motion rate: tests that do not look at
        // events would share their two cores with it. Tests of analytics turn it on.
        values.put(ConfigKeys.ANALYTICS_ENABLED.name(), "false");
        values.put(ConfigKeys.WEBRTC_PORT.name(), "0");
        values.putAll(overrides);
        return ConfigLoader.load(null, Map.of(), values);
    }
}
