/**
 * The node's roles, each a {@link io.argus.server.Role} that owns what it starts: metadata (database,
 * repositories, first admin), media (paths and their sources, cameras loaded from the database) and HTTP (REST
 * API, metrics).
 *
 * <p>Layer: argus-server. May import every server package and the modules below.
 */
package io.argus.server.roles;
