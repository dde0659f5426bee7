/**
 * The access model over HTTP: login, tenants, users, roles, camera groups (the scope of a role's permissions, so
 * they live with the roles that reference them), and the caller's own account, password and API tokens. Who may
 * change whom, and what a change revokes, is {@link io.argus.server.auth.Accounts}' rule; these routes translate
 * HTTP.
 *
 * <p>Layer: argus-server, a capability of the API. May import the API's infrastructure ({@code io.argus.server.api}),
 * {@code io.argus.server.auth}, {@code io.argus.server.audit} (action names), {@code io.argus.metadata}, Javalin,
 * Jackson and the JDK; never another capability.
 */
package io.argus.server.api.access;
