/**
 * The audit log as the server uses it: {@link io.argus.server.audit.AuditLog#record} for every audited event,
 * with one event per viewing session rather than one per media request, over argus-metadata's hash-chained
 * {@link io.argus.metadata.AuditLogRepository}. Who acted is an {@link io.argus.server.audit.AuditActor}; the
 * HTTP layer builds it from its principal in one adapter, so nothing here knows about HTTP or sessions.
 *
 * <p>Layer: argus-server. May import {@code io.argus.metadata}, Jackson (the details object), SLF4J and the JDK.
 */
package io.argus.server.audit;
