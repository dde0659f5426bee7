/**
 * The composition root: {@link io.argus.server.ArgusServer} creates the node's roles from the configuration, in
 * one ordered table, starts them in that order and stops them in reverse. Nothing is found by classpath
 * scanning; every component is constructed here or in a role.
 *
 * <p>Layer: argus-server, the top. May import every Argus module; nothing outside argus-server imports it.
 */
package io.argus.server;
