package io.argus.onvif.soap;

import io.argus.onvif.xml.SafeXml;
import io.argus.onvif.xml.XmlElement;
import io.argus.onvif.xml.XmlException;
import io.argus.onvif.xml.XmlText;
import java.util.Optional;

/** Writes SOAP 1.2 envelopes and reads them back (SOAP 1.2 Part 1 §5). */
public final class Soap {
    /** The media type of SOAP 1.2 over HTTP (SOAP 1.2 Part 2 §7.1.4), with the action as ONVIF clients send it. */
    public static final String CONTENT_TYPE = "application/soap+xml; charset=utf-8";

    private Soap() {
    }

    /** An envelope with {@code headerXml} (may be empty) and {@code bodyXml}, every ONVIF prefix bound. */
    public static String envelope(String headerXml, String bodyXml) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope" + Ns.DECLARATIONS + ">"
                + (headerXml.isEmpty() ? "" : "<s:Header>" + headerXml + "</s:Header>")
                + "<s:Body>" + bodyXml + "</s:Body></s:Envelope>";
    }

    /** A fault envelope: {@code code} is {@code s:Sender} or {@code s:Receiver}, {@code subcode} e.g. {@code ter:NotAuthorized}. */
    public static String fault(String code, String subcode, String reason) {
        String sub = subcode == null ? "" : "<s:Subcode><s:Value>" + subcode + "</s:Value></s:Subcode>";
        return envelope("", "<s:Fault><s:Code><s:Value>" + code + "</s:Value>" + sub + "</s:Code><s:Reason>"
                + "<s:Text xml:lang=\"en\">" + XmlText.escape(reason) + "</s:Text></s:Reason></s:Fault>");
    }

    /** A read envelope: its header (may be absent) and the first element of its body. */
    public record Message(Optional<XmlElement> header, XmlElement body) {
        /** The first element in the body (the operation or its response), or the fault. */
        public XmlElement payload() {
            return body.children().stream().findFirst()
                    .orElseThrow(() -> new XmlException("the SOAP body is empty"));
        }
    }

    /**
     * Parses an envelope. A fault in the body is thrown as {@link SoapFault}.
     *
     * @throws XmlException if it is not XML, or not a SOAP 1.2 (or 1.1, which some cameras answer with) envelope
     */
    public static Message read(SafeXml xml, byte[] bytes) {
        XmlElement env = xml.parse(bytes);
        if (!env.localName().equals("Envelope")) {
            throw new XmlException("not a SOAP envelope: the document is <" + env.localName() + ">");
        }
        XmlElement body = env.child("Body").orElseThrow(() -> new XmlException("the SOAP envelope has no Body"));
        Optional<XmlElement> fault = body.child("Fault");
        if (fault.isPresent()) {
            throw SoapFault.of(fault.get());
        }
        return new Message(env.child("Header"), body);
    }
}
