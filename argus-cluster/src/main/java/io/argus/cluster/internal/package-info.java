/** Kafka plumbing the bus and the shard group share; not API. Layer: argus-cluster (JDK, kafka-clients). */
package io.argus.cluster.internal;
