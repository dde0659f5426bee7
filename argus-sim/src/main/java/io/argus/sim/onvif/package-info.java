/**
 * The simulator's ONVIF face: each simulated camera is also an ONVIF device (Device, Media, Media2, PTZ and Events
 * services over HTTP at {@code /onvif/cam<i>/…}, WS-Discovery over UDP), so onboarding, PTZ and events can be
 * tested end to end and by independent ONVIF clients. Authentication is checked as a device checks it
 * (WS-Security UsernameToken digest, or HTTP digest when configured); every camera can run a skewed clock.
 *
 * <p>Layer: argus-sim. May import {@code io.argus.onvif} (messages, parsing, security), the JDK (its
 * {@code com.sun.net.httpserver} for HTTP) and SLF4J.
 */
package io.argus.sim.onvif;
