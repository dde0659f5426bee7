package io.argus.storage.s3;

import io.argus.storage.chunk.ChunkCopy;
import io.argus.storage.chunk.ChunkInfo;
import io.argus.storage.chunk.ChunkKey;
import io.argus.storage.chunk.ChunkLayout;
import io.argus.storage.chunk.Placement;
import io.argus.storage.chunk.ReadableChunk;
import io.argus.storage.chunk.SegmentStore;
import io.argus.storage.chunk.StoredChunk;
import io.argus.storage.chunk.Tier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Closed chunks as objects in one bucket (and prefix) of an S3-compatible service. Locations are
 * {@code s3:<target>/<tier>/<tenant>/<camera>/<yyyy>/<mm>/<dd>/<start-epoch-millis>.mp4}; the object key is the
 * target's prefix and everything after {@code s3:<target>/}. The key depends only on the chunk and its tier, so a
 * retried upload overwrites its own earlier attempt and never makes a second object.
 *
 * <p>Reads are ranged GETs (playback asks for box headers and fragments, never a whole chunk it does not need).
 * Chunks above the target's part size go up as multipart uploads, aborted if a part fails; one a killed process
 * left is invisible (S3 shows no object until completion) and should be reaped by the bucket's
 * {@code AbortIncompleteMultipartUpload} lifecycle rule.
 *
 * <p>SDK and service failures surface as {@link IOException}s ({@link S3StoreException}), so callers treat an
 * unreachable service like a failing disk. Thread-safe.
 */
public final class S3SegmentStore implements SegmentStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3SegmentStore.class);
    static final String SCHEME = "s3:";

    /**
     * How long one request may take before it counts as failed: a 16 MiB part on a slow uplink (2 MB/s) with
     * room to spare; an unreachable endpoint fails at connect far sooner.
     */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final S3TargetConfig config;
    private final S3Client s3;
    private final Map<Tier, AtomicLong> requests = new EnumMap<>(Tier.class);

    private S3SegmentStore(S3TargetConfig config, S3Client s3) {
        this.config = config;
        this.s3 = s3;
        for (Tier t : Tier.values()) {
            requests.put(t, new AtomicLong());
        }
    }

    /** A store over the target; makes no request (an unreachable service is found out by the first call). */
    public static S3SegmentStore open(S3TargetConfig config) {
        S3ClientBuilder b = S3Client.builder()
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle())
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(REQUEST_TIMEOUT))
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(REQUEST_TIMEOUT)
                        .apiCallTimeout(REQUEST_TIMEOUT.multipliedBy(3)))
                .credentialsProvider(config.accessKey() == null ? DefaultCredentialsProvider.builder().build()
                        : StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(),
                        config.secretKey())));
        if (config.endpoint() != null) {
            b.endpointOverride(config.endpoint());
        }
        return new S3SegmentStore(config, b.build());
    }

    public S3TargetConfig config() {
        return config;
    }

    /** The location of a chunk's copy in a tier of this target. */
    public String location(ChunkKey key, Tier tier) {
        return SCHEME + config.name() + "/" + tier.name().toLowerCase(Locale.ROOT) + "/"
                + ChunkLayout.relativePath(key);
    }

    /** The object key of a location of this target. */
    String objectKey(String location) {
        String head = SCHEME + config.name() + "/";
        if (!location.startsWith(head)) {
            throw new IllegalArgumentException("not a location of target " + config.name() + ": " + location);
        }
        String rest = location.substring(head.length());
        ChunkKey key = ChunkLayout.parse(rest);
        String tier = rest.substring(0, rest.indexOf('/'));
        if (!location.equals(location(key, Tier.valueOf(tier.toUpperCase(Locale.ROOT))))) {
            throw new IllegalArgumentException("not a location of target " + config.name() + ": " + location);
        }
        return config.prefix() + rest;
    }

    /** Requests made for objects of a tier since the store opened (every kind), for the cost report. */
    public long requests(Tier tier) {
        return requests.get(tier).get();
    }

    private void count(Tier tier) {
        requests.get(tier).incrementAndGet();
    }

    /** Counts a request for the object at a location of this target. */
    void count(String location) {
        String rest = location.substring(location.indexOf('/') + 1);
        int slash = rest.indexOf('/');
        try {
            count(Tier.valueOf(rest.substring(0, Math.max(slash, 0)).toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            count(Tier.WARM);
        }
    }

    @Override
    public ChunkInfo put(ChunkKey key, Placement placement, ReadableChunk source) throws IOException {
        if (!placement.target().equals(config.name())) {
            throw new IllegalArgumentException("placement " + placement + " is not on target " + config.name());
        }
        String location = location(key, placement.tier());
        String objectKey = objectKey(location);
        long size = source.size();
        String hash;
        try {
            hash = size <= config.partSize() ? putSingle(location, objectKey, placement.storageClass(), source)
                    : putMultipart(location, objectKey, placement.storageClass(), source);
        } catch (SdkException e) {
            throw new S3StoreException("upload of " + location + " to " + config + " failed", e);
        }
        return new ChunkInfo(key, volume(), location, size, hash);
    }

    private String putSingle(String location, String objectKey, String storageClass, ReadableChunk source) throws IOException {
        byte[] body = new byte[(int) source.size()];
        int[] at = {0};
        String hash = ChunkCopy.copy(source, slice -> {
            int n = slice.readableBytes();
            slice.getBytes(slice.readerIndex(), body, at[0], n);
            at[0] += n;
        });
        count(location);
        s3.putObject(r -> r.bucket(config.bucket()).key(objectKey).contentType("video/mp4")
                .storageClass(storageClass), RequestBody.fromBytes(body));
        return hash;
    }

    private String putMultipart(String location, String objectKey, String storageClass, ReadableChunk source) throws IOException {
        count(location);
        String uploadId = s3.createMultipartUpload(r -> r.bucket(config.bucket()).key(objectKey)
                .contentType("video/mp4").storageClass(storageClass)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        byte[] part = new byte[config.partSize()];
        int[] filled = {0};
        try {
            String hash = ChunkCopy.copy(source, slice -> {
                while (slice.isReadable()) {
                    int n = Math.min(slice.readableBytes(), part.length - filled[0]);
                    slice.readBytes(part, filled[0], n);
                    filled[0] += n;
                    if (filled[0] == part.length) {
                        uploadPart(location, objectKey, uploadId, parts, part, filled[0]);
                        filled[0] = 0;
                    }
                }
            });
            if (filled[0] > 0) {
                uploadPart(location, objectKey, uploadId, parts, part, filled[0]);
            }
            count(location);
            s3.completeMultipartUpload(r -> r.bucket(config.bucket()).key(objectKey).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            return hash;
        } catch (IOException | RuntimeException e) {
            abort(location, objectKey, uploadId);
            throw e;
        }
    }

    private void uploadPart(String location, String objectKey, String uploadId, List<CompletedPart> parts, byte[] data, int length)
            throws IOException {
        int number = parts.size() + 1;
        count(location);
        try {
            String etag = s3.uploadPart(r -> r.bucket(config.bucket()).key(objectKey).uploadId(uploadId)
                    .partNumber(number), RequestBody.fromBytes(java.util.Arrays.copyOf(data, length))).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        } catch (SdkException e) {
            throw new S3StoreException("part " + number + " of " + objectKey + " failed", e);
        }
    }

    private void abort(String location, String objectKey, String uploadId) {
        try {
            count(location);
            s3.abortMultipartUpload(r -> r.bucket(config.bucket()).key(objectKey).uploadId(uploadId));
        } catch (SdkException e) {
            LOG.warn("cannot abort multipart upload {} of {}: {} (a lifecycle rule reaps it)", uploadId, objectKey,
                    e.toString());
        }
    }

    @Override
    public ReadableChunk open(String location) throws IOException {
        String objectKey = objectKey(location);
        HeadObjectResponse head = head(location, objectKey);
        return new S3ReadableChunk(this, location, objectKey, head.contentLength());
    }

    private HeadObjectResponse head(String location, String objectKey) throws IOException {
        count(location);
        try {
            return s3.headObject(r -> r.bucket(config.bucket()).key(objectKey));
        } catch (NoSuchKeyException e) {
            throw new java.nio.file.NoSuchFileException(location);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new java.nio.file.NoSuchFileException(location);
            }
            throw new S3StoreException("HEAD " + location + " failed", e);
        } catch (SdkException e) {
            throw new S3StoreException("HEAD " + location + " failed", e);
        }
    }

    /** The SDK client, for the readable chunks. */
    S3Client client() {
        return s3;
    }

    String bucket() {
        return config.bucket();
    }

    @Override
    public boolean delete(String location) throws IOException {
        String objectKey = objectKey(location);
        try {
            head(location, objectKey);
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
        count(location);
        try {
            s3.deleteObject(r -> r.bucket(config.bucket()).key(objectKey));
            return true;
        } catch (SdkException e) {
            throw new S3StoreException("DELETE " + location + " failed", e);
        }
    }

    /**
     * Asks the service to bring an archived object back for reading for {@code days} (RestoreObject).
     *
     * @return what the service answered
     */
    public RestoreOutcome restore(String location, int days) throws IOException {
        String objectKey = objectKey(location);
        count(location);
        try {
            s3.restoreObject(r -> r.bucket(config.bucket()).key(objectKey).restoreRequest(q -> q.days(days)));
            return RestoreOutcome.STARTED;
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if ("RestoreAlreadyInProgress".equals(code) || e.statusCode() == 409) {
                return RestoreOutcome.IN_PROGRESS;
            }
            if ("NotImplemented".equals(code) || e.statusCode() == 501) {
                return RestoreOutcome.NOT_IMPLEMENTED;
            }
            throw new S3StoreException("RestoreObject " + location + " failed", e);
        } catch (SdkException e) {
            throw new S3StoreException("RestoreObject " + location + " failed", e);
        }
    }

    /** True once a restore of the object has finished ({@code x-amz-restore: ongoing-request="false"}). */
    public boolean restored(String location) throws IOException {
        String restore = head(location, objectKey(location)).restore();
        return restore != null && restore.contains("ongoing-request=\"false\"");
    }

    /** The name retention and the index use for this target: {@code s3:<target>}. */
    public String volume() {
        return SCHEME + config.name();
    }

    @Override
    public String volumeOf(String location) {
        objectKey(location);
        return volume();
    }

    @Override
    public void forEachChunk(Consumer<StoredChunk> action) throws IOException {
        try {
            count(Tier.WARM);
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(config.bucket()).prefix(config.prefix()))
                    .contents()) {
                String location = SCHEME + config.name() + "/" + o.key().substring(config.prefix().length());
                ChunkKey key;
                try {
                    objectKey(location);
                    key = ChunkLayout.parse(location.substring((SCHEME + config.name() + "/").length()));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                action.accept(new StoredChunk(key, volume(), location, o.size()));
            }
        } catch (SdkException e) {
            throw new S3StoreException("listing " + config + " failed", e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
