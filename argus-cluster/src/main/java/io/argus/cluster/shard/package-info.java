/**
 * Which node ingests and records which camera: cameras hash to a fixed number of shards ({@link
 * io.argus.cluster.shard.Shards}); shards are the partitions of one topic, assigned to nodes by a Kafka consumer
 * group ({@link io.argus.cluster.shard.KafkaShardAssignment}), so Kafka's group coordinator decides membership and
 * detects death. A node's capacity is the number of group members it runs ({@link
 * io.argus.cluster.shard.MemberPolicy}); the broker's uniform assignor (sticky, server-side, KIP-848) spreads shards
 * evenly over members. Layer: argus-cluster; imports the JDK, kafka-clients and SLF4J only.
 */
package io.argus.cluster.shard;
