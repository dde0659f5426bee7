/**
 * Proof that recordings are intact: a camera's hash chain verified over a range, signed evidence packages, and
 * the rotation of the node's encryption keys.
 *
 * <p>Layer: argus-server, a capability of the API. May import what every part of the API may (see
 * {@code io.argus.server.api}) and the storage module ({@code io.argus.storage}: the chain verifier, evidence),
 * {@code io.argus.server.evidence} and {@code io.argus.server.crypto}; never another capability (checked:
 * config/checkstyle/import-control.xml).
 */
package io.argus.server.api.integrity;
