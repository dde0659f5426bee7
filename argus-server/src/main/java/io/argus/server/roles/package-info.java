/**
 * The node's long-lived parts, each started by its constructor (or {@code open}) from exactly the values it uses,
 * and closed by {@link java.lang.AutoCloseable#close}: metadata (database, keys, repositories, first admin), audit
 * (the log and its append thread), media (paths and their sources, cameras loaded from the database), recording
 * (tiers, recorder, retention) and RTSP. {@link io.argus.server.ArgusServer} is the composition root that makes
 * them in order and closes them in reverse; no part looks another up.
 *
 * <p>Layer: argus-server. May import every server package and the modules below.
 */
package io.argus.server.roles;
