package io.argus.onvif.soap;

import io.argus.onvif.xml.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A SOAP fault a device answered with. {@link #getMessage()} says what went wrong in words, from the most specific
 * subcode ONVIF defines (ONVIF Core §5.11.2, the {@code ter:} codes) and the device's reason text; {@link #subcodes()}
 * keep the codes for callers that act on them (a {@code ter:NotAuthorized} is a credentials problem, not a
 * device one).
 */
public final class SoapFault extends RuntimeException {
    private static final Map<String, String> MEANINGS = Map.ofEntries(
            Map.entry("NotAuthorized", "the device refused the credentials"),
            Map.entry("ActionNotSupported", "the device does not support this operation"),
            Map.entry("InvalidArgVal", "the device rejected an argument"),
            Map.entry("NoProfile", "the device has no such media profile"),
            Map.entry("NoToken", "the device has no such preset or token"),
            Map.entry("NoPTZProfile", "the profile has no PTZ configuration"),
            Map.entry("InvalidPosition", "the device cannot reach that position"),
            Map.entry("TooManyPresets", "the device has no room for another preset"),
            Map.entry("MovingPTZ", "the device is moving and cannot do that now"),
            Map.entry("InvalidStreamSetup", "the device cannot stream with that setup"),
            Map.entry("UnableToCreatePullPointSubscription", "the device cannot create an event subscription"),
            Map.entry("InvalidTopicExpressionFault", "the device does not know that event topic"),
            Map.entry("ResourceUnknownFault", "the event subscription no longer exists on the device"));

    private final String code;
    private final List<String> subcodes;
    private final String reason;

    SoapFault(String code, List<String> subcodes, String reason) {
        super(describe(code, subcodes, reason));
        this.code = code;
        this.subcodes = List.copyOf(subcodes);
        this.reason = reason;
    }

    static SoapFault of(XmlElement fault) {
        // SOAP 1.2: Code/Value, Code/Subcode/Value…, Reason/Text. SOAP 1.1 (a few cameras): faultcode, faultstring.
        String code = fault.optText("faultcode").orElse(fault.textAt("Code", "Value"));
        List<String> subs = new ArrayList<>();
        var sub = fault.at("Code", "Subcode");
        int guard = 0;
        while (sub.isPresent() && guard++ < 8) {
            sub.get().optText("Value").ifPresent(subs::add);
            sub = sub.get().child("Subcode");
        }
        String reason = fault.optText("faultstring").orElse(fault.textAt("Reason", "Text"));
        return new SoapFault(local(code), subs.stream().map(SoapFault::local).toList(), reason);
    }

    private static String local(String qname) {
        String t = qname.strip();
        int colon = t.lastIndexOf(':');
        return colon < 0 ? t : t.substring(colon + 1);
    }

    private static String describe(String code, List<String> subcodes, String reason) {
        String meaning = null;
        for (int i = subcodes.size() - 1; i >= 0 && meaning == null; i--) {
            meaning = MEANINGS.get(subcodes.get(i));
        }
        if (meaning == null) {
            meaning = code.equals("Sender") ? "the device rejected the request" : "the device failed to answer";
        }
        String codes = subcodes.isEmpty() ? code : "ter:" + String.join("/ter:", subcodes);
        return meaning + " (" + codes + (reason.isBlank() ? "" : ": " + reason.replaceAll("\\s+", " ")) + ")";
    }

    /** {@code Sender}, {@code Receiver}, … (local name). */
    public String code() {
        return code;
    }

    /** The subcodes' local names, outermost first (e.g. {@code OperationProhibited}, {@code NotAuthorized}). */
    public List<String> subcodes() {
        return subcodes;
    }

    public String reason() {
        return reason;
    }

    /** Whether the device refused the credentials (or the timestamp that came with them). */
    public boolean notAuthorized() {
        return subcodes.contains("NotAuthorized") || subcodes.contains("FailedAuthentication");
    }
}
