/**
 * Cameras: list, create, read, change and delete them (changes apply to the live path at once), and try a camera
 * URL the way ingest connects before saving it.
 *
 * <p>Layer: argus-server, a capability of the API. May import what every part of the API may (see
 * {@code io.argus.server.api}) and {@code io.argus.media.path} (path status, the source probe); never another
 * capability (checked: config/checkstyle/import-control.xml).
 */
package io.argus.server.api.cameras;
