/**
 * Proof that recordings are intact: a camera's hash chain verified over a range, signed evidence packages, and
 * the rotation of the node's encryption keys.
 *
 * <p>Layer: argus-server, a capability of the API. May import the API's infrastructure ({@code io.argus.server.api}),
 * {@code io.argus.server.camera}, {@code io.argus.server.auth}, {@code io.argus.server.audit} (action names),
 * {@code io.argus.storage.integrity}, {@code io.argus.server.evidence}, {@code io.argus.server.crypto}, Javalin,
 * SLF4J and the JDK; never another capability.
 */
package io.argus.server.api.integrity;
