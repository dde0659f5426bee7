/**
 * Where recordings are kept: local volumes and their usage, tier policies (per tenant and per camera), the tier
 * mover, and restoring or promoting the chunks of a range. Also answers playback's
 * {@code RestoreCheck} (a range with archived chunks is refused with 409 {@code restore_needed}).
 *
 * <p>Layer: argus-server, a capability of the API. May import the API's infrastructure ({@code io.argus.server.api}),
 * {@code io.argus.server.camera}, {@code io.argus.server.storage}, {@code io.argus.storage.tier},
 * {@code io.argus.storage.chunk} and {@code io.argus.storage.volume}, {@code io.argus.server.auth},
 * {@code io.argus.server.audit} (action names), Javalin and the JDK; never another capability.
 */
package io.argus.server.api.storage;
