/**
 * The audit log for auditors: {@code /api/v1/audit} filtered and paged, exported as JSON lines, and its hash chains
 * verified. Reading the log is itself audited.
 *
 * <p>Layer: argus-server, a capability of the API. May import the API's infrastructure ({@code io.argus.server.api}),
 * {@code io.argus.server.audit}, {@code io.argus.server.auth}, {@code io.argus.metadata} (audit records), Javalin,
 * Jackson and the JDK; never another capability.
 */
package io.argus.server.api.audit;
