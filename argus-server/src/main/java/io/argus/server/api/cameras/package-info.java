/**
 * Cameras: list, create, read, change and delete them (changes apply to the live path at once), and try a camera
 * URL the way ingest connects before saving it.
 *
 * <p>Layer: argus-server, a capability of the API. May import the API's infrastructure ({@code io.argus.server.api}),
 * {@code io.argus.server.camera}, {@code io.argus.server.auth}, {@code io.argus.server.audit} (action names),
 * {@code io.argus.metadata}, {@code io.argus.media.path} (status and the source probe), Javalin and the JDK; never
 * another capability.
 */
package io.argus.server.api.cameras;
