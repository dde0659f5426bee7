/**
 * The {@code argus} command line (picocli): {@code argus server}, {@code argus demo}, {@code --help},
 * {@code --version}. Configuration errors exit with 2 and a one-line message naming the key; start-up failures
 * exit with 1; no stack trace reaches the terminal.
 *
 * <p>Layer: argus-server. May import {@code io.argus.server}, {@code io.argus.server.config} and picocli.
 */
package io.argus.server.cli;
