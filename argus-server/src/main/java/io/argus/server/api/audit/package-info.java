/**
 * The audit log for auditors: {@code /api/v1/audit} filtered and paged, exported as JSON lines, and its hash chains
 * verified. Reading the log is itself audited.
 *
 * <p>Layer: argus-server, a capability of the API. May import what every part of the API may (see
 * {@code io.argus.server.api}); never another capability (checked: config/checkstyle/import-control.xml).
 */
package io.argus.server.api.audit;
