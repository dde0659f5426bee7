package io.argus.sim.onvif;

/** A SOAP fault the simulated device answers with (ONVIF Core §5.11.2 codes), and its HTTP status. */
final class SimFault extends RuntimeException {
    final String code;
    final String subcode;
    final int status;

    SimFault(String code, String subcode, String reason, int status) {
        super(reason, null, false, false);
        this.code = code;
        this.subcode = subcode;
        this.status = status;
    }

    /** SOAP 1.2 Part 2 §7.5.2.2: a sender fault is HTTP 400. */
    static SimFault sender(String subcode, String reason) {
        return new SimFault("s:Sender", subcode, reason, 400);
    }

    static SimFault notAuthorized() {
        return sender("ter:NotAuthorized", "Sender not Authorized");
    }
}
