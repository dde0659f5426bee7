/**
 * The ONVIF capability of the API: discovery and onboarding under {@code /api/v1/onvif}, PTZ and a camera's ONVIF
 * events under {@code /api/v1/cameras/{id}}. Onboarding needs {@code manage-cameras}; PTZ the {@code ptz} action on
 * the camera; events are read by whoever sees the camera.
 *
 * <p>Layer: the API. Adds {@code io.argus.server.onvif} (the service) and {@code io.argus.onvif.client} (its PTZ
 * types) to what every capability may use.
 */
package io.argus.server.api.onvif;
