/**
 * ONVIF in the server: discovery, onboarding (one camera per chosen profile, linked to its device), PTZ on a
 * camera's device, and the devices' events pulled and stored ({@link io.argus.server.onvif.OnvifService}). Knows
 * nothing about HTTP: the API ({@code io.argus.server.api.onvif}) calls it.
 *
 * <p>Layer: argus-server. May import {@code io.argus.onvif} (the client), {@code io.argus.server.camera},
 * {@code io.argus.metadata}, SLF4J and the JDK.
 */
package io.argus.server.onvif;
