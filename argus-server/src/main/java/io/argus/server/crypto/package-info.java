/**
 * The node's key hierarchy: where the master key comes from (a file made on first start, or the environment),
 * the {@link io.argus.storage.crypto.KeyRing} of tenants' data keys over the metadata database, and both kinds of
 * rotation, shared by the server roles, the API and the offline CLI.
 *
 * <p>Layer: argus-server. May import argus-storage's crypto package, argus-metadata, SLF4J and the JDK; knows
 * nothing about HTTP.
 */
package io.argus.server.crypto;
