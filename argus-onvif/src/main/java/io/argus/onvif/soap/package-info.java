/**
 * SOAP 1.2 (W3C SOAP 1.2 Part 1) as ONVIF uses it: envelopes written from templates with the ONVIF namespaces bound
 * to their usual prefixes ({@link io.argus.onvif.soap.Soap}), envelopes read with the hardened parser and faults
 * turned into messages a person understands ({@link io.argus.onvif.soap.SoapFault}). Imports the JDK and
 * {@code io.argus.onvif.xml}.
 */
package io.argus.onvif.soap;
