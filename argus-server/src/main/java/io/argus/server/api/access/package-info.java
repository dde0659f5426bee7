/**
 * The access model over HTTP: login, tenants, users, roles, camera groups (the scope of a role's permissions, so
 * they live with the roles that reference them), and the caller's own account, password and API tokens. Who may
 * change whom, and what a change revokes, is {@link io.argus.server.auth.Accounts}' rule; these routes translate
 * HTTP.
 *
 * <p>Layer: argus-server, a capability of the API. May import what every part of the API may (see
 * {@code io.argus.server.api}); never another capability (checked: config/checkstyle/import-control.xml).
 */
package io.argus.server.api.access;
