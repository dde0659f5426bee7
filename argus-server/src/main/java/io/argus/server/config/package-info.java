/**
 * Configuration: the {@link io.argus.server.config.ArgusConfig} record tree, the key table
 * ({@link io.argus.server.config.ConfigKeys}: every key's name, doc and default in one place) and the loader
 * that layers defaults, a YAML file, {@code ARGUS_*} environment variables and command-line values, in that
 * order, stopping at the first unknown key or invalid value with a message naming it.
 *
 * <p>Layer: argus-server. May import the JDK and Jackson (YAML); nothing else in the server depends on how
 * values were found.
 */
package io.argus.server.config;
