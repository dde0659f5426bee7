/**
 * The event bus between nodes: {@link io.argus.cluster.bus.EventBus} and its two implementations, in-process (one
 * embedded node) and Kafka (a cluster). Layer: argus-cluster, under the server; imports the JDK, kafka-clients and
 * SLF4J only.
 */
package io.argus.cluster.bus;
