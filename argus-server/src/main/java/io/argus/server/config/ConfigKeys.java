package io.argus.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The key table: every configuration key with its name, doc and default, in one place. */
public final class ConfigKeys {
    public static final ConfigKey<Path> DATA_DIR = key("dataDir", "./data", Parsers::path,
            "Directory for the metadata database, recordings and the initial admin password file.");
    public static final ConfigKey<String> HTTP_HOST = key("http.host", "0.0.0.0", Parsers::text,
            "Address the HTTP server (REST API, UI, HLS, metrics) binds to.");
    public static final ConfigKey<Integer> HTTP_PORT = key("http.port", "8080", Parsers::port,
            "HTTP port; 0 picks a free port.");
    public static final ConfigKey<ByteSize> HTTP_MAX_BODY = key("http.maxBodySize", "64KiB", ByteSize::parse,
            "Largest accepted request body; larger bodies get 413.");
    public static final ConfigKey<Integer> RTSP_PORT = key("rtsp.port", "8554", Parsers::port,
            "RTSP server port (re-stream and RTSP push); 0 picks a free port.");
    public static final ConfigKey<Integer> RTSP_RTP_PORT = key("rtsp.rtpPort", "8000", Parsers::port,
            "UDP port for RTP to RTSP clients that ask for UDP; even; 0 together with rtsp.rtcpPort 0 turns UDP off.");
    public static final ConfigKey<Integer> RTSP_RTCP_PORT = key("rtsp.rtcpPort", "8001", Parsers::port,
            "UDP port for RTCP; must be rtsp.rtpPort + 1.");
    public static final ConfigKey<Duration> INGEST_BACKOFF_INITIAL = key("ingest.backoffInitial", "500ms",
            Parsers::duration, "First reconnect delay after a camera drops; doubles per failure, with jitter.");
    public static final ConfigKey<Duration> INGEST_BACKOFF_MAX = key("ingest.backoffMax", "30s",
            Parsers::duration, "Longest reconnect delay.");
    public static final ConfigKey<List<AddressRange>> CAMERA_DENIED_ADDRESSES = key("camera.deniedAddresses",
            "127.0.0.0/8,::1/128,0.0.0.0/8,::/128,169.254.169.254/32,fd00:ec2::254/128", AddressRange::list,
            "Address ranges (CIDR, comma-separated) the node never pulls a camera from, checked on the resolved "
                    + "address of every connection (the connection test and redirects too): by default loopback, "
                    + "the unspecified address and the cloud metadata service, so nobody who may add a camera can "
                    + "probe the node's own services. Empty: none.");
    public static final ConfigKey<List<AddressRange>> CAMERA_ALLOWED_ADDRESSES = key("camera.allowedAddresses", "",
            AddressRange::list, "Exceptions to camera.deniedAddresses (CIDR, comma-separated), for labs: e.g. "
                    + "127.0.0.1/32 for a simulator or a restreamer on the node's machine. The node's own HTTP and "
                    + "RTSP ports stay refused whatever this says.");
    public static final ConfigKey<Duration> AUTH_TOKEN_TTL = key("auth.tokenTtl", "24h", Parsers::duration,
            "How long an API token from POST /api/v1/auth/login stays valid.");
    public static final ConfigKey<Duration> AUTH_API_TOKEN_MAX_TTL = key("auth.apiToken.maxTtl", "90d",
            Parsers::duration, "Longest life of an API token (POST /api/v1/me/tokens): asking for longer is refused "
                    + "(400), and tokens made without an expiry get this or 90 days, whichever is shorter. 1d to "
                    + "3650d; whole days count.");
    public static final ConfigKey<String> ADMIN_PASSWORD = new ConfigKey<>("admin.password",
            "Password for the admin user created on first start; empty: a random one is written to "
                    + "initial-admin-password in the data directory. Ignored once the user exists.", "", Parsers::text, true);
    public static final ConfigKey<String> MEDIA_URL_SECRET = new ConfigKey<>("media.urlSecret",
            "Key for signed media URLs (?sig=), at least 32 characters; empty: a random one is made on first start "
                    + "in media-url-secret in the data directory. Nodes that accept each other's URLs need the same "
                    + "one; changing it revokes every signed URL.", "", Parsers::text, true);
    public static final ConfigKey<Integer> AUTH_LOCKOUT_MAX_FAILURES = key("auth.lockout.maxFailures", "5",
            Parsers::integer, "Failed logins of one user within auth.lockout.window that lock it for "
                    + "auth.lockout.duration (answered 429 with Retry-After, the password not even checked).");
    public static final ConfigKey<Integer> AUTH_LOCKOUT_MAX_FAILURES_PER_SOURCE = key(
            "auth.lockout.maxFailuresPerSource", "20", Parsers::integer,
            "Failed logins from one client address within auth.lockout.window that lock that address.");
    public static final ConfigKey<Duration> AUTH_LOCKOUT_WINDOW = key("auth.lockout.window", "15m",
            Parsers::duration, "How far back failed logins count towards a lockout.");
    public static final ConfigKey<Duration> AUTH_LOCKOUT_DURATION = key("auth.lockout.duration", "15m",
            Parsers::duration, "How long a locked user or address stays locked.");
    public static final ConfigKey<Integer> AUTH_PASSWORD_MIN_LENGTH = key("auth.password.minLength", "12",
            Parsers::integer, "Shortest password a user may set (API and CLI); the username and the most common "
                    + "passwords are refused too.");
    public static final ConfigKey<Boolean> RTMP_ENABLED = key("rtmp.enabled", "true", Parsers::bool,
            "Whether to take RTMP publishers (OBS, ffmpeg, encoders) on rtmp.port, and RTMPS on rtmps.port with "
                    + "tls.enabled. Publishing needs a user's credentials or an API token in the stream key.");
    public static final ConfigKey<Integer> RTMP_PORT = key("rtmp.port", "1935", Parsers::port,
            "RTMP ingest port (rtmp://host:1935/<camera>?user=<u>&pass=<p> or ?token=<API token>); 0 picks a "
                    + "free port.");
    public static final ConfigKey<Integer> RTMPS_PORT = key("rtmps.port", "1936", Parsers::port,
            "RTMP-over-TLS ingest port when tls.enabled and rtmp.enabled (rtmps://); 0 picks a free port.");
    public static final ConfigKey<Boolean> SRT_ENABLED = key("srt.enabled", "true", Parsers::bool,
            "Whether to take SRT publishers (ffmpeg, OBS, srt-live-transmit, encoders) on srt.port/udp. Needs libsrt "
                    + "(Debian libsrt1.5-openssl); without it SRT is off and the node says so once. Publishing needs "
                    + "a user's credentials or an API token in the streamid.");
    public static final ConfigKey<Integer> SRT_PORT = key("srt.port", "8890", Parsers::port,
            "SRT ingest UDP port (srt://host:8890?streamid=#!::r=<camera>,m=publish,u=<u>,s=<p>); 0 picks a free "
                    + "port.");
    public static final ConfigKey<String> SRT_PASSPHRASE = new ConfigKey<>("srt.passphrase",
            "AES passphrase every SRT publisher must use (10 to 79 characters); empty: no encryption required. "
                    + "A caller with a wrong or missing passphrase is refused by SRT itself.", "", Parsers::text,
            true);
    public static final ConfigKey<Integer> SRT_PBKEYLEN = key("srt.pbkeylen", "16", Parsers::integer,
            "AES key length in bytes with srt.passphrase: 16, 24 or 32 (AES-128/192/256).");

    public static final ConfigKey<Boolean> WEBRTC_ENABLED = key("webrtc.enabled", "true", Parsers::bool,
            "Whether to answer WebRTC playback (WHEP, POST /api/v1/cameras/{id}/whep) and bind webrtc.port.");
    public static final ConfigKey<Integer> WEBRTC_PORT = key("webrtc.port", "8189", Parsers::port,
            "The one UDP port every WebRTC viewer's ICE, DTLS and SRTP share, on every host address (open it in the "
                    + "firewall, UDP); 0 picks a free port.");
    public static final ConfigKey<List<String>> WEBRTC_ICE_SERVERS = key("webrtc.iceServers", "",
            WebRtcConfig::iceServers, "STUN/TURN servers for WebRTC viewers behind NAT, comma-separated "
                    + "(stun:host:port, turn:user:password@host:port?transport=udp), sent to them as WHEP Link "
                    + "headers; the node itself is ICE-lite and needs none.");
    public static final ConfigKey<Boolean> RTSP_ANONYMOUS_READ = key("rtsp.anonymousRead", "false", Parsers::bool,
            "Let RTSP clients read every camera without credentials (labs only); publishing always needs them.");
    public static final ConfigKey<List<Path>> RECORDING_DIR = key("recording.dir", "recordings", Parsers::paths,
            "Directories recordings are written to, comma-separated, one volume each (new chunks go to the one "
                    + "with most room); relative paths are inside dataDir. Add new ones at the end: the order "
                    + "names the volumes in the index.");
    public static final ConfigKey<ByteSize> RECORDING_MAX_SIZE = key("recording.maxSize", "0", ByteSize::parse,
            "Most bytes of recordings each volume may hold; the oldest unprotected chunks go first. 0: no limit "
                    + "but recording.minFree.");
    public static final ConfigKey<ByteSize> RECORDING_MIN_FREE = key("recording.minFree", "1GiB", ByteSize::parse,
            "Free space to leave on the volume's file system; below it the oldest unprotected chunks are "
                    + "deleted, and recording pauses (with an alert) if nothing can be.");
    public static final ConfigKey<Duration> RECORDING_CHUNK_DURATION = key("recording.chunkDuration", "60s",
            Parsers::duration, "Length of a recorded chunk (one file or object); cut at the next keyframe.");
    public static final ConfigKey<Duration> RECORDING_SYNC_INTERVAL = key("recording.syncInterval", "5s",
            Parsers::duration, "How often recorded video is forced to the disk (fdatasync) while a chunk is open; "
                    + "a killed process loses nothing either way, a power cut up to this much. 0: only when a "
                    + "chunk closes.");
    public static final ConfigKey<Boolean> CRYPTO_ENCRYPT_RECORDINGS = key("crypto.encryptRecordings", "false",
            Parsers::bool, "Encrypt new recordings at rest (AES-256-GCM under the tenant's data key, wrapped by the "
                    + "master key); existing chunks are read either way. Off by default: with the master key file "
                    + "next to the recordings it only protects copies of the recordings alone, and losing the key "
                    + "loses the video (see docs/security.md, Encryption at rest).");
    public static final ConfigKey<Path> CRYPTO_MASTER_KEY_FILE = key("crypto.masterKeyFile", "master.key",
            Parsers::path, "File holding the master key (base64 of 32 bytes) that wraps the data keys; made (mode "
                    + "0600) on first start if missing; relative paths are inside dataDir. Back it up apart "
                    + "from the data: without it, encrypted recordings and camera passwords are lost.");
    public static final ConfigKey<String> CRYPTO_MASTER_KEY = new ConfigKey<>("crypto.masterKey",
            "The master key itself, base64 of 32 bytes (instead of crypto.masterKeyFile), normally from the "
                    + "environment so it is never on the node's disk.", "", Parsers::text, true);
    public static final ConfigKey<Boolean> METRICS_REQUIRE_AUTH = key("metrics.requireAuth", "true",
            Parsers::bool, "Whether GET /metrics needs a bearer token of a user with view-system (it lists every "
                    + "tenant's cameras); false makes it public.");
    public static final ConfigKey<Boolean> TLS_ENABLED = key("tls.enabled", "false", Parsers::bool,
            "Whether to serve HTTPS (https.port) and RTSPS (rtsps.port). Without tls.certFile/tls.keyFile or "
                    + "tls.keystore a self-signed certificate is made on first start (tls/self-signed.p12 in dataDir) "
                    + "and kept.");
    public static final ConfigKey<Optional<Path>> TLS_CERT_FILE = key("tls.certFile", "", TlsConfig::optionalPath,
            "PEM certificate chain (leaf first) for HTTPS and RTSPS; with tls.keyFile.");
    public static final ConfigKey<Optional<Path>> TLS_KEY_FILE = key("tls.keyFile", "", TlsConfig::optionalPath,
            "PEM private key of tls.certFile (PKCS#8, or PKCS#1 RSA), unencrypted.");
    public static final ConfigKey<Optional<Path>> TLS_KEYSTORE = key("tls.keystore", "", TlsConfig::optionalPath,
            "PKCS#12 keystore with the certificate and key, instead of tls.certFile/tls.keyFile.");
    public static final ConfigKey<String> TLS_KEYSTORE_PASSWORD = new ConfigKey<>("tls.keystorePassword",
            "Password of tls.keystore.", "", Parsers::text, true);
    public static final ConfigKey<List<String>> TLS_NAMES = key("tls.names", "", TlsConfig::names,
            "Extra DNS names and IP addresses, comma-separated, for the self-signed certificate (it always "
                    + "names the host name, localhost and 127.0.0.1).");
    public static final ConfigKey<Integer> TLS_MIN_VERSION = key("tls.minVersion", "1.2", TlsConfig::minVersion,
            "Oldest TLS version accepted: 1.2 or 1.3 (1.3 only).");
    public static final ConfigKey<Integer> HTTPS_PORT = key("https.port", "8443", Parsers::port,
            "HTTPS port when tls.enabled; 0 picks a free port.");
    public static final ConfigKey<TlsConfig.PlainHttp> HTTP_PLAIN = key("http.plain", "serve",
            TlsConfig::plainHttp, "With tls.enabled, what the plain HTTP port does: serve (everything, as "
                    + "without TLS), redirect (308 to HTTPS) or off (not opened).");
    public static final ConfigKey<Integer> RTSPS_PORT = key("rtsps.port", "8322", Parsers::port,
            "RTSP-over-TLS port when tls.enabled (rtsps://; TCP-interleaved media only); 0 picks a free port.");

    public static final ConfigKey<List<StorageConfig.Target>> STORAGE_S3_TARGETS = new ConfigKey<>(
            "storage.s3.targets", "Object-storage targets for the warm and cold tiers, ';'-separated, each "
                    + "name:key=value,… with endpoint (omit for AWS), region, bucket, prefix (ends with /), pathStyle "
                    + "(true for MinIO/Ceph), accessKey and secretKey (omit both for the AWS default provider chain), "
                    + "partSize (multipart part size, default 16MiB).", "", StorageConfig::targets, true);
    public static final ConfigKey<Duration> STORAGE_MOVER_INTERVAL = key("storage.mover.interval", "60s",
            Parsers::duration, "How often the tier mover moves due chunks between tiers and retries failed moves.");
    public static final ConfigKey<String> STORAGE_REENCODE_PRESET = key("storage.reencode.preset", "medium",
            StorageConfig::reencodePreset, "libx265 preset of tier conversions (a policy stage's reencode: "
                    + "docs/storage-tiers.md): ultrafast … veryslow; slower spends CPU time for fewer bytes.");
    public static final ConfigKey<Integer> STORAGE_REENCODE_THREADS = key("storage.reencode.threads", "2",
            StorageConfig::reencodeThreads, "libx265 threads of a tier conversion (one runs at a time, on the "
                    + "mover's thread): the cores a recording node lends to converting chunks, 1..64.");
    public static final ConfigKey<Double> STORAGE_PRICE_HOT_GB = key("storage.price.hot.gbMonth", "0",
            StorageConfig::price, "Price of a GB-month on the hot tier (local disk), for GET /api/v1/storage/usage.");
    public static final ConfigKey<Double> STORAGE_PRICE_HOT_REQ = key("storage.price.hot.per1000Requests", "0",
            StorageConfig::price, "Price of 1,000 requests on the hot tier.");
    public static final ConfigKey<Double> STORAGE_PRICE_WARM_GB = key("storage.price.warm.gbMonth", "0.0125",
            StorageConfig::price, "Price of a GB-month on the warm tier (default: S3 Standard-IA, us-east-1).");
    public static final ConfigKey<Double> STORAGE_PRICE_WARM_REQ = key("storage.price.warm.per1000Requests", "0.01",
            StorageConfig::price, "Price of 1,000 requests on the warm tier (writes and reads alike).");
    public static final ConfigKey<Double> STORAGE_PRICE_COLD_GB = key("storage.price.cold.gbMonth", "0.004",
            StorageConfig::price, "Price of a GB-month on the cold tier (default: S3 Glacier Instant Retrieval).");
    public static final ConfigKey<Double> STORAGE_PRICE_COLD_REQ = key("storage.price.cold.per1000Requests", "0.02",
            StorageConfig::price, "Price of 1,000 requests on the cold tier.");
    public static final ConfigKey<String> METADATA_URL = key("metadata.url", "", MetadataConfig::url,
            "Metadata database: empty for the embedded one in dataDir (a single node), or a JDBC URL "
                    + "jdbc:postgresql://host:port/database (cluster mode; docs/cluster.md). Every node of a cluster "
                    + "and every offline command (argus user, argus audit verify…) uses the same one.");
    public static final ConfigKey<String> METADATA_USER = key("metadata.user", "", Parsers::text,
            "PostgreSQL login role for metadata.url: not a superuser and without BYPASSRLS (start-up refuses them: "
                    + "they bypass the row-level security that keeps tenants apart).");
    public static final ConfigKey<String> METADATA_PASSWORD = new ConfigKey<>("metadata.password",
            "Password of metadata.user, normally from the environment.", "", Parsers::text, true);

    public static final ConfigKey<Integer> TRANSCODE_MAX_JOBS = key("transcode.maxJobs", "2", Parsers::integer,
            "Live transcodes (a camera in one rendition, shared by all its viewers) this node runs at once; each "
                    + "takes about one core (1080p H.265 to 720p H.264). A request for another is answered 503 with "
                    + "the reason; viewers of running ones are untouched. 0 turns transcoding off.");
    public static final ConfigKey<Duration> TRANSCODE_LINGER = key("transcode.linger", "10s", Parsers::duration,
            "How long a live transcode keeps running after its last viewer left, so a viewer who reloads or an "
                    + "LL-HLS player between requests finds it running.");

    public static final ConfigKey<String> CLUSTER_KAFKA = key("cluster.kafka", "", Parsers::text,
            "Kafka bootstrap servers (host:port, comma-separated) of the cluster this node joins: its event bus and "
                    + "the group that assigns camera shards to nodes. Empty: a single node with an in-process bus.");
    public static final ConfigKey<String> CLUSTER_NODE = key("cluster.node", "", Parsers::text,
            "This node's name in the cluster, unique among its nodes; empty: the machine's host name.");
    public static final ConfigKey<Integer> CLUSTER_CAPACITY = key("cluster.capacity", "250", Parsers::integer,
            "Cameras this node can ingest and record: it runs one shard-group member per 25 and takes no new "
                    + "shards at 80 % (docs/cluster.md).");
    public static final ConfigKey<Integer> CLUSTER_SHARDS = key("cluster.shards", "4096", Parsers::integer,
            "Shards cameras hash to (the partitions of the argus.shards topic): the same on every node and fixed for "
                    + "the cluster's life; a node whose count differs from the topic's refuses to start. More shards "
                    + "spread load more evenly (docs/cluster.md, Placement).");
    public static final ConfigKey<String> CLUSTER_ADVERTISED_URL = key("cluster.advertisedUrl", "", Parsers::text,
            "The URL other nodes and GET /api/v1/cluster give for this node, e.g. http://node-1.example:8080; empty: "
                    + "http://<host name>:<HTTP port>.");

    public static final ConfigKey<String> CLUSTER_SECRET = new ConfigKey<>("cluster.secret",
            "Secret shared by every node of a cluster, at least 32 characters: it signs the short-lived node tokens "
                    + "one node shows another to relay a camera's live view or read a recording still on the "
                    + "other's disk (docs/cluster.md). Required with cluster.kafka; unused by a single node.", "",
            Parsers::text, true);
    public static final ConfigKey<Duration> CLUSTER_RELAY_IDLE = key("cluster.relayIdle", "10s",
            Parsers::duration, "How long a node keeps relaying another node's camera after its last viewer left, "
                    + "so a viewer who reloads or an LL-HLS player between requests finds the relay running.");

    public static final ConfigKey<Boolean> ANALYTICS_ENABLED = key("analytics.enabled", "true", Parsers::bool,
            "Run analytics (motion, and object detection where configured) on this node's cameras.");
    public static final ConfigKey<Integer> ANALYTICS_THREADS = key("analytics.threads", "2", Parsers::integer,
            "Analytics threads: they decode sampled frames and analyse them; each serves many cameras.");
    public static final ConfigKey<Integer> ANALYTICS_WIDTH = key("analytics.width", "320", Parsers::integer,
            "Width in pixels of the pictures analysed and of event thumbnails (aspect ratio kept).");
    public static final ConfigKey<Boolean> ANALYTICS_GPU = key("analytics.gpu", "true", Parsers::bool,
            "Decode on an NVIDIA GPU (CUDA) where FFmpeg finds one; the CPU otherwise.");
    public static final ConfigKey<Duration> ANALYTICS_QUIET_INTERVAL = key("analytics.quietInterval", "2s",
            Parsers::duration, "A quiet camera: one keyframe analysed at most this often.");
    public static final ConfigKey<Integer> ANALYTICS_MOTION_FPS = key("analytics.motionFps", "4", Parsers::integer,
            "Pictures analysed a second while motion is seen (and for 5 s after).");
    public static final ConfigKey<Integer> ANALYTICS_DETECTION_FPS = key("analytics.detectionFps", "8",
            Parsers::integer, "Pictures analysed a second for 10 s after an object is detected.");
    public static final ConfigKey<String> ANALYTICS_DETECTOR = key("analytics.detector", "nanodet", Parsers::text,
            "Object detector for cameras whose analytics list object classes: nanodet (the shipped COCO model, ONNX "
                    + "Runtime on the CPU, about 80 ms a picture on 2 cores), none (motion alone), or the path of a "
                    + "YOLO (v5/v8/v11) or SSD-style ONNX model.");
    public static final ConfigKey<String> ANALYTICS_DETECTOR_LABELS = key("analytics.detectorLabels", "",
            Parsers::text, "A user model's label file (one class name a line, in class order); empty: COCO's 80.");
    public static final ConfigKey<String> ANALYTICS_INFERENCE_URL = key("analytics.inference.url", "", Parsers::text,
            "An Open Inference Protocol (KServe v2: Triton, KServe, OpenVINO Model Server) server to detect on, e.g. "
                    + "http://gpu-pool:8000; the local detector answers when it fails or takes over 500 ms. Empty: "
                    + "local only.");
    public static final ConfigKey<String> ANALYTICS_INFERENCE_MODEL = key("analytics.inference.model", "nanodet",
            Parsers::text, "The model's name on the analytics.inference.url server (same model as analytics.detector).");
    public static final ConfigKey<Integer> ANALYTICS_FIXED_FPS = key("analytics.fixedFps", "0", Parsers::integer,
            "0: adaptive sampling (quiet, motion and detection rates above). 1..60: every camera decoded whole and "
                    + "analysed at this rate whatever it sees, the fixed-rate baseline adaptive sampling is measured "
                    + "against (docs/analytics.md, Benchmark).");
    public static final ConfigKey<Integer> EVENTS_PROTECT_DAYS = key("events.protectDays", "90", Parsers::integer,
            "Days after an object, rule or ONVIF event that its recording (pre-buffer to post-buffer) is kept from "
                    + "age retention, and held on the hot tier if it was brought back from object storage; 0: "
                    + "neither (docs/analytics.md, Events and recording).");

    public static final ConfigKey<List<AddressRange>> WEBHOOKS_DENIED_ADDRESSES = key("webhooks.deniedAddresses",
            "127.0.0.0/8,::1/128,0.0.0.0/8,::/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,100.64.0.0/10,"
                    + "169.254.0.0/16,fc00::/7,fe80::/10", AddressRange::list,
            "Address ranges (CIDR, comma-separated) webhooks never post to, checked on the resolved address of "
                    + "every delivery and when a webhook is added: by default loopback, private and link-local "
                    + "networks (the cloud metadata service among them), so nobody who may add a webhook can make "
                    + "the node call services that trust the machine or its network. Empty: none.");
    public static final ConfigKey<List<AddressRange>> WEBHOOKS_ALLOWED_ADDRESSES = key("webhooks.allowedAddresses",
            "", AddressRange::list, "Exceptions to webhooks.deniedAddresses (CIDR, comma-separated): e.g. "
                    + "192.168.1.20/32 for a home-automation server on the LAN.");
    public static final ConfigKey<Integer> WEBHOOKS_MAX_ATTEMPTS = key("webhooks.maxAttempts", "6",
            Parsers::integer, "Attempts per delivery (1-20) before it goes to the webhook's dead letters; the "
                    + "wait doubles after each failure from webhooks.retryInitial (6 attempts over about a minute "
                    + "by default).");
    public static final ConfigKey<Duration> WEBHOOKS_RETRY_INITIAL = key("webhooks.retryInitial", "2s",
            Parsers::duration, "Wait before the second attempt of a delivery; doubled for each later one (at most 10m).");
    public static final ConfigKey<Duration> WEBHOOKS_TIMEOUT = key("webhooks.timeout", "10s", Parsers::duration,
            "How long one attempt may take (connect and answer) before it counts as failed.");
    public static final ConfigKey<Integer> WEBHOOKS_QUEUE = key("webhooks.queue", "1000", Parsers::integer,
            "Deliveries the node holds at once (in flight or waiting for a retry); an event that finds it full "
                    + "goes straight to the webhook's dead letters, so a dead receiver cannot exhaust memory.");
    public static final ConfigKey<String> MQTT_URL = key("mqtt.url", "", Parsers::text,
            "MQTT broker to publish events to: tcp://host:1883 or ssl://host:8883. Empty: no MQTT.");
    public static final ConfigKey<String> MQTT_USER = key("mqtt.user", "", Parsers::text,
            "User name at the MQTT broker; empty: none.");
    public static final ConfigKey<String> MQTT_PASSWORD = new ConfigKey<>("mqtt.password",
            "Password at the MQTT broker.", "", Parsers::text, true);
    public static final ConfigKey<String> MQTT_TOPIC_PREFIX = key("mqtt.topicPrefix", "argus", Parsers::text,
            "First level of the event topics: <prefix>/<tenant>/<camera>/<type>; <prefix>/status is the node's "
                    + "availability (online, or offline as its last will).");
    public static final ConfigKey<Boolean> MQTT_DISCOVERY = key("mqtt.discovery", "false", Parsers::bool,
            "Announce a Home Assistant binary sensor per camera and event type (retained config under "
                    + "mqtt.discoveryPrefix) the first time the node publishes one.");
    public static final ConfigKey<String> MQTT_DISCOVERY_PREFIX = key("mqtt.discoveryPrefix", "homeassistant",
            Parsers::text, "Home Assistant's discovery prefix.");
    public static final ConfigKey<Integer> MQTT_QUEUE = key("mqtt.queue", "1000", Parsers::integer,
            "Events waiting for the broker; while it is down or slow, events beyond this are dropped and counted "
                    + "(argus_mqtt_dropped_total), so the event path never waits for it.");

    /** Every key, in documentation order. */
    public static final List<ConfigKey<?>> ALL = List.of(DATA_DIR, HTTP_HOST, HTTP_PORT, HTTP_MAX_BODY,
            RTSP_PORT, RTSP_RTP_PORT, RTSP_RTCP_PORT, INGEST_BACKOFF_INITIAL, INGEST_BACKOFF_MAX,
            CAMERA_DENIED_ADDRESSES, CAMERA_ALLOWED_ADDRESSES, AUTH_TOKEN_TTL, AUTH_API_TOKEN_MAX_TTL,
            ADMIN_PASSWORD, MEDIA_URL_SECRET, AUTH_LOCKOUT_MAX_FAILURES, AUTH_LOCKOUT_MAX_FAILURES_PER_SOURCE,
            AUTH_LOCKOUT_WINDOW, AUTH_LOCKOUT_DURATION, AUTH_PASSWORD_MIN_LENGTH, RTSP_ANONYMOUS_READ, RECORDING_DIR,
            RECORDING_MAX_SIZE, RECORDING_MIN_FREE, RECORDING_CHUNK_DURATION, RECORDING_SYNC_INTERVAL,
            CRYPTO_ENCRYPT_RECORDINGS, CRYPTO_MASTER_KEY_FILE, CRYPTO_MASTER_KEY, METRICS_REQUIRE_AUTH,
            STORAGE_S3_TARGETS, STORAGE_MOVER_INTERVAL, STORAGE_REENCODE_PRESET, STORAGE_REENCODE_THREADS,
            STORAGE_PRICE_HOT_GB, STORAGE_PRICE_HOT_REQ,
            STORAGE_PRICE_WARM_GB, STORAGE_PRICE_WARM_REQ, STORAGE_PRICE_COLD_GB, STORAGE_PRICE_COLD_REQ,
            TLS_ENABLED, TLS_CERT_FILE, TLS_KEY_FILE, TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD, TLS_NAMES,
            TLS_MIN_VERSION, HTTPS_PORT, HTTP_PLAIN, RTSPS_PORT, RTMP_ENABLED, RTMP_PORT, RTMPS_PORT,
            SRT_ENABLED, SRT_PORT, SRT_PASSPHRASE, SRT_PBKEYLEN,
            TRANSCODE_MAX_JOBS, TRANSCODE_LINGER,
            METADATA_URL, METADATA_USER, METADATA_PASSWORD,
            CLUSTER_KAFKA, CLUSTER_NODE, CLUSTER_CAPACITY, CLUSTER_SHARDS, CLUSTER_ADVERTISED_URL,
            CLUSTER_SECRET, CLUSTER_RELAY_IDLE,
            ANALYTICS_ENABLED, ANALYTICS_THREADS, ANALYTICS_WIDTH, ANALYTICS_GPU, ANALYTICS_QUIET_INTERVAL,
            ANALYTICS_MOTION_FPS, ANALYTICS_DETECTION_FPS, ANALYTICS_DETECTOR, ANALYTICS_DETECTOR_LABELS,
            ANALYTICS_INFERENCE_URL, ANALYTICS_INFERENCE_MODEL, ANALYTICS_FIXED_FPS,
            EVENTS_PROTECT_DAYS,
            WEBRTC_ENABLED, WEBRTC_PORT, WEBRTC_ICE_SERVERS,
            WEBHOOKS_DENIED_ADDRESSES, WEBHOOKS_ALLOWED_ADDRESSES, WEBHOOKS_MAX_ATTEMPTS, WEBHOOKS_RETRY_INITIAL,
            WEBHOOKS_TIMEOUT, WEBHOOKS_QUEUE,
            MQTT_URL, MQTT_USER, MQTT_PASSWORD, MQTT_TOPIC_PREFIX, MQTT_DISCOVERY, MQTT_DISCOVERY_PREFIX, MQTT_QUEUE);

    /**
     * {@code ARGUS_*} environment variables that are not configuration keys: read by other parts (the Netty
     * transport choice, the launcher script), so they must not stop start-up as unknown keys.
     */
    public static final Set<String> OTHER_ENV = Set.of("ARGUS_TRANSPORT", "ARGUS_JAVA_OPTS");

    private static final Map<String, ConfigKey<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(ConfigKey::name, Function.identity()));
    private static final Map<String, ConfigKey<?>> BY_ENV =
            ALL.stream().collect(Collectors.toUnmodifiableMap(ConfigKey::envName, Function.identity()));

    private ConfigKeys() {
    }

    private static <T> ConfigKey<T> key(String name, String def, Function<String, T> parser, String doc) {
        return new ConfigKey<>(name, doc, def, parser, false);
    }

    public static Optional<ConfigKey<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    static Optional<ConfigKey<?>> byEnv(String env) {
        return Optional.ofNullable(BY_ENV.get(env));
    }

    /** The reference table of docs/configuration.md, generated from this class. */
    public static String markdownTable() {
        StringBuilder b = new StringBuilder("| key | environment | default | meaning |\n|---|---|---|---|\n");
        for (ConfigKey<?> k : ALL) {
            String def = k.defaultValue().isEmpty() ? "" : "`" + k.defaultValue() + "`";
            b.append("| `").append(k.name()).append("` | `").append(k.envName()).append("` | ").append(def)
                    .append(" | ").append(k.doc().replace("|", "\\|")).append(" |\n");
        }
        return b.toString();
    }
}
