package io.argus.storage.s3;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One object-storage target: a bucket (and key prefix) at an endpoint, in a region.
 *
 * @param name      the target's name in chunk locations and tier policies; never renamed once used (locations
 *                  in the index keep it)
 * @param endpoint  the service's URL ({@code http://minio:9000}), or null for AWS's own endpoint of the region
 * @param region    the region the bucket lives in; a tier policy pinned to a region only uses targets in it
 * @param prefix    prepended to every object key ({@code site1/}); empty for none
 * @param pathStyle {@code http://host/bucket/key} instead of {@code http://bucket.host/key} (MinIO, Ceph, s3proxy)
 * @param accessKey with {@code secretKey}: static credentials; both null: the SDK's default provider chain
 *                  (environment, profile, container or instance role)
 * @param partSize  chunks larger than this go up as a multipart upload of parts this size (at least 5 MiB, S3's
 *                  minimum part)
 */
public record S3TargetConfig(String name, URI endpoint, String region, String bucket, String prefix,
                             boolean pathStyle, String accessKey, String secretKey, int partSize) {
    /** S3's smallest part of a multipart upload, but for the last. */
    public static final int MIN_PART_SIZE = 5 << 20;

    /** 16 MiB: a one-minute chunk of a 4 Mbit/s camera (30 MB) goes up in two parts. */
    public static final int DEFAULT_PART_SIZE = 16 << 20;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    public S3TargetConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(bucket, "bucket");
        prefix = prefix == null ? "" : prefix;
        if (!NAME.matcher(name).matches() || name.equals("local")) {
            throw new IllegalArgumentException("target name must be 1-32 lower-case letters, digits or '-', and not"
                    + " 'local': " + name);
        }
        if (region.isBlank() || bucket.isBlank()) {
            throw new IllegalArgumentException("target " + name + ": region and bucket are required");
        }
        if (!prefix.isEmpty() && (!prefix.endsWith("/") || prefix.startsWith("/"))) {
            throw new IllegalArgumentException("target " + name + ": prefix must end with '/' and not start with one: "
                    + prefix);
        }
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("target " + name + ": accessKey and secretKey go together");
        }
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("target " + name + ": partSize must be at least 5 MiB");
        }
    }

    @Override
    public String toString() {
        return "S3TargetConfig[" + name + " " + (endpoint == null ? "aws" : endpoint) + " " + region + " " + bucket
                + "/" + prefix + (accessKey == null ? ", default credentials" : ", static credentials") + "]";
    }
}
