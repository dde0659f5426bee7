/**
 * Many nodes as one system, on existing engines only: the event bus between nodes and the assignment of camera
 * shards to nodes. Kafka's group coordinator decides membership and detects death; Argus runs no consensus of its own.
 */
package io.argus.cluster;
