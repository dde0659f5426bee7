package io.argus.onvif.soap;

/** The namespaces of the ONVIF messages we read and write, and the prefixes {@link Soap} binds them to. */
public final class Ns {
    public static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    public static final String TT = "http://www.onvif.org/ver10/schema";
    public static final String TDS = "http://www.onvif.org/ver10/device/wsdl";
    public static final String TRT = "http://www.onvif.org/ver10/media/wsdl";
    public static final String TR2 = "http://www.onvif.org/ver20/media/wsdl";
    public static final String TPTZ = "http://www.onvif.org/ver20/ptz/wsdl";
    public static final String TEV = "http://www.onvif.org/ver10/events/wsdl";
    public static final String WSNT = "http://docs.oasis-open.org/wsn/b-2";
    public static final String WSA = "http://www.w3.org/2005/08/addressing";
    public static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    public static final String TER = "http://www.onvif.org/ver10/error";
    public static final String TNS1 = "http://www.onvif.org/ver10/topics";
    /** WS-Discovery as ONVIF uses it: the 2005/04 draft, not the OASIS 1.1 standard (ONVIF Core §7.3). */
    public static final String WSD = "http://schemas.xmlsoap.org/ws/2005/04/discovery";
    public static final String WSA_2004 = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    public static final String DN = "http://www.onvif.org/ver10/network/wsdl";

    /** Every binding, as attributes of the envelope element. */
    static final String DECLARATIONS = " xmlns:s=\"" + SOAP + "\" xmlns:tt=\"" + TT + "\" xmlns:tds=\"" + TDS
            + "\" xmlns:trt=\"" + TRT + "\" xmlns:tr2=\"" + TR2 + "\" xmlns:tptz=\"" + TPTZ + "\" xmlns:tev=\"" + TEV
            + "\" xmlns:wsnt=\"" + WSNT + "\" xmlns:wsa=\"" + WSA + "\" xmlns:wsse=\"" + WSSE + "\" xmlns:wsu=\""
            + WSU + "\" xmlns:ter=\"" + TER + "\" xmlns:tns1=\"" + TNS1 + "\"";

    private Ns() {
    }
}
