/**
 * ONVIF on the JDK alone (argus-onvif): the layer under the simulator's ONVIF devices and the server's ONVIF
 * onboarding, PTZ and events. {@code xml} reads untrusted XML safely, {@code soap} frames SOAP 1.2 messages and
 * faults, {@code security} signs and checks WS-Security UsernameTokens and HTTP digest, {@code discovery} speaks
 * WS-Discovery, {@code client} is the device client. Imports the JDK and SLF4J only; nothing from Argus.
 */
package io.argus.onvif;
