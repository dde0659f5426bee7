/**
 * Storage tiers in the node: the object-storage targets from the configuration, the tier mover on its schedule,
 * policy checks (region pinning), restores, promotions, the cost report and the tier metrics. Knows nothing about
 * HTTP; the API handlers call it.
 *
 * <p>Layer: argus-server. May import the storage tier, S3 and chunk packages, argus-metadata, the config package,
 * Micrometer, SLF4J and the JDK.
 */
package io.argus.server.storage;
