package io.argus.onvif.client;

/** Why a device could not be used, in words; {@link #kind()} for callers that react differently. */
public final class OnvifException extends RuntimeException {
    /** What went wrong. */
    public enum Kind {
        /** Nothing answered (refused, no route, DNS). */
        UNREACHABLE,
        /** The device did not answer in time. */
        TIMEOUT,
        /** The device refused the credentials (a {@code ter:NotAuthorized} fault or HTTP 401). */
        NOT_AUTHORIZED,
        /** The device answered with a SOAP fault. */
        FAULT,
        /** The answer is not a SOAP message we can read (HTML error page, malformed XML, missing fields). */
        BAD_RESPONSE
    }

    private final Kind kind;

    public OnvifException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public OnvifException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
