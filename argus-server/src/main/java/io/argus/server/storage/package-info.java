/**
 * Storage tiers in the node, wired: the object-storage targets from the configuration, the JDBC tier index, the
 * tier mover on its schedule and the tier metrics. The operations (policies, restores, promotions, the cost
 * report) are {@code io.argus.storage.tier.TierService}'s; the API handlers call that.
 *
 * <p>Layer: argus-server. May import the storage tier, S3 and chunk packages, argus-metadata, the config package,
 * Micrometer, SLF4J and the JDK.
 */
package io.argus.server.storage;
