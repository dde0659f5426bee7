/**
 * XML from the network, read safely: DOM with no DTDs, no external entities and no XInclude, bounded in size and
 * depth ({@link io.argus.onvif.xml.SafeXml}); a small navigation by local name ({@link io.argus.onvif.xml.XmlElement})
 * because ONVIF devices use every prefix imaginable for the same namespace. The JDK only.
 */
package io.argus.onvif.xml;
