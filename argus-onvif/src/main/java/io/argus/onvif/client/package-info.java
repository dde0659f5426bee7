/**
 * The ONVIF device client: {@link io.argus.onvif.client.OnvifClient} connects (reading the device's clock first),
 * finds its services, reads profiles and stream URIs (Media2 where offered, else Media), moves PTZ
 * ({@link io.argus.onvif.client.PtzClient}) and pulls events ({@link io.argus.onvif.client.PullPointClient}). Every
 * failure is an {@link io.argus.onvif.client.OnvifException} whose message a person understands. The JDK's
 * HttpClient, {@code io.argus.onvif.xml}, {@code .soap}, {@code .security} and SLF4J.
 */
package io.argus.onvif.client;
