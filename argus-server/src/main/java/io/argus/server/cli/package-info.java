/**
 * The {@code argus} command line (picocli): {@code argus server}, {@code argus demo}, {@code argus sim},
 * {@code argus bench}, {@code --help}, {@code --version}. Configuration errors exit with 2 and a one-line message naming the key; start-up failures
 * exit with 1; no stack trace reaches the terminal.
 *
 * <p>Layer: argus-server. May import the rest of the server, {@code io.argus.sim}, {@code io.argus.bench},
 * {@code io.argus.media.codec} (codec names), picocli and Jackson (the demo adds its cameras through the REST API).
 */
package io.argus.server.cli;
