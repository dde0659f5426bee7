/**
 * Where recordings are kept: local volumes and their usage, tier policies (per tenant and per camera), the tier
 * mover, and restoring or promoting the chunks of a range. Also answers playback's
 * {@code RestoreCheck} (a range with archived chunks is refused with 409 {@code restore_needed}).
 *
 * <p>Layer: argus-server, a capability of the API. May import what every part of the API may (see
 * {@code io.argus.server.api}) and {@code io.argus.server.storage} and the storage module
 * ({@code io.argus.storage}: tiers, chunks, volumes); never another capability (checked:
 * config/checkstyle/import-control.xml).
 */
package io.argus.server.api.storage;
