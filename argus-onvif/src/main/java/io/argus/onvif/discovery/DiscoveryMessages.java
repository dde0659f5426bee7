package io.argus.onvif.discovery;

import io.argus.onvif.soap.Ns;
import io.argus.onvif.xml.XmlText;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/** The WS-Discovery messages (WS-Discovery 2005/04 §5.2 Probe, §5.3 ProbeMatches), as ONVIF Core §7.3 sends them. */
public final class DiscoveryMessages {
    static final String PROBE_ACTION = Ns.WSD + "/Probe";
    static final String MATCHES_ACTION = Ns.WSD + "/ProbeMatches";
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"" + Ns.SOAP
            + "\" xmlns:a=\"" + Ns.WSA_2004 + "\" xmlns:d=\"" + Ns.WSD + "\" xmlns:dn=\"" + Ns.DN
            + "\" xmlns:tds=\"" + Ns.TDS + "\">";

    private DiscoveryMessages() {
    }

    /** A Probe for network video transmitters with the message id {@code urn:uuid:<id>}. */
    public static String probe(String messageId) {
        return HEAD + "<s:Header><a:MessageID>" + messageId + "</a:MessageID><a:To>urn:schemas-xmlsoap-org:ws:2005:04:"
                + "discovery</a:To><a:Action>" + PROBE_ACTION + "</a:Action></s:Header><s:Body><d:Probe>"
                + "<d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body></s:Envelope>";
    }

    /** One ProbeMatches answering {@code relatesTo} for one device. */
    public static String probeMatches(String messageId, String relatesTo, String endpoint, URI xaddr,
                                      List<String> scopes) {
        return HEAD + "<s:Header><a:MessageID>" + messageId + "</a:MessageID><a:RelatesTo>" + XmlText.escape(relatesTo)
                + "</a:RelatesTo><a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>"
                + "<a:Action>" + MATCHES_ACTION + "</a:Action></s:Header><s:Body><d:ProbeMatches><d:ProbeMatch>"
                + "<a:EndpointReference><a:Address>" + endpoint + "</a:Address></a:EndpointReference>"
                + "<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types><d:Scopes>"
                + scopes.stream().map(XmlText::escape).collect(Collectors.joining(" "))
                + "</d:Scopes><d:XAddrs>" + XmlText.escape(xaddr.toString()) + "</d:XAddrs>"
                + "<d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>";
    }
}
