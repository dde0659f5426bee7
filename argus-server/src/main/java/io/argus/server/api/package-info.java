/**
 * The REST API on Javalin (Jetty 12, virtual threads): routes, the bearer-token filter, request and response
 * DTO records (never domain objects), and the one place where failures become JSON error bodies
 * ({@link io.argus.server.api.ErrorMapper} with {@link io.argus.server.api.ErrorCode}). Media paths
 * ({@link io.argus.server.api.MediaPaths}) take a bearer token or a signed URL and carry a
 * {@link io.argus.server.api.MediaAccess}.
 *
 * <p>Layer: argus-server. May import {@code io.argus.server.camera}, {@code io.argus.server.auth},
 * {@code io.argus.server.metrics}, {@code io.argus.server.recording} and
 * {@code io.argus.storage.record} (recording settings and status), {@code io.argus.storage.chunk} and
 * {@code io.argus.storage.playback} (recordings, timeline, bookmarks, HLS playback, export), Jetty's servlet
 * output (sending file ranges without a heap copy), {@code io.argus.server.config} (HTTP settings), {@code io.argus.media.path}
 * (status only), {@code io.argus.media.snapshot} (snapshots), {@code io.argus.media.stream} (latency figures,
 * the stream a snapshot is taken from), {@code io.argus.media.hls} and {@code io.argus.media.mse} (live viewing,
 * with Netty's buffers they hand over and Jetty's WebSocket session), {@code io.argus.storage.integrity},
 * {@code io.argus.storage.evidence} and {@code io.argus.server.crypto} (verify, evidence, key rotation),
 * {@code io.argus.metadata} records, {@code io.argus.server.audit} (the audit trail and the auditors' routes),
 * {@code io.argus.server.tls} with Jetty's connectors, SSL context factory and error handler (HTTPS, JSON answers
 * to requests Jetty refuses itself), Javalin, Jackson and slf4j.
 */
package io.argus.server.api;
