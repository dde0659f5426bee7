/**
 * Object storage for the warm and cold tiers: {@link io.argus.storage.s3.S3SegmentStore} over the AWS SDK v2, for
 * any S3-compatible service (AWS, MinIO, Ceph, Wasabi) by endpoint, region and path-style addressing, with
 * credentials from the configuration or the SDK's default provider chain. It keeps closed chunks only (the mover
 * puts them there); recording always writes to local volumes.
 *
 * <p>Layer: argus-storage. May import the JDK, the chunk contract ({@code io.argus.storage.chunk}), Netty's buffers,
 * the AWS SDK ({@code software.amazon.awssdk}) and SLF4J.
 */
package io.argus.storage.s3;
