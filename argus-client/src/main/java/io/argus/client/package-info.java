/**
 * The Java client of the Argus REST API ({@link io.argus.client.ArgusClient}): login, bearer tokens, tenants, and
 * typed calls for what integrators, the CLI ({@code argus demo}, {@code argus storage}), the benchmarks and the
 * tests do, over the JDK's HTTP client. Every route is also reachable untyped ({@link io.argus.client.ArgusClient#send}).
 *
 * <p>Layer: a leaf module. May import the JDK and Jackson only; nothing of the server, so an integrator can use it
 * alone.
 */
package io.argus.client;
