/**
 * The node's side of cluster mode: the nodes' announcements of themselves on the bus ({@link
 * io.argus.server.cluster.NodeDirectory}) and the publication of committed changes other nodes must hear ({@link
 * io.argus.server.cluster.ChangePublisher}), and the events of every node to every node's live streams ({@link
 * io.argus.server.cluster.EventRelay}), and the live relay of cameras another node owns ({@link
 * io.argus.server.cluster.LiveRelays}). The bus and the shard assignment are argus-cluster's.
 *
 * <p>Layer: argus-server. May import argus-cluster, argus-metadata's records, the server's audit names, the event
 * hub and the API's event record (the bus carries events as the API shows them), the stream hub's paths (relays
 * feed them), the node tokens of {@code io.argus.server.auth}, Micrometer, Jackson, SLF4J and the JDK.
 */
package io.argus.server.cluster;
