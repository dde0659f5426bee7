/**
 * WS-Discovery as ONVIF Core §7.3 uses it (the 2005/04 draft namespace): a Probe for
 * {@code dn:NetworkVideoTransmitter} sent by UDP to the multicast group 239.255.255.250:3702 or to one address, and
 * the ProbeMatches that come back ({@link io.argus.onvif.discovery.WsDiscovery}); the messages themselves
 * ({@link io.argus.onvif.discovery.DiscoveryMessages}) are shared with the simulator, which answers probes. The JDK,
 * {@code io.argus.onvif.xml}, {@code .soap} and SLF4J.
 */
package io.argus.onvif.discovery;
