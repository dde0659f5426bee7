package io.argus.server.onvif;

import io.argus.onvif.client.OnvifException;

/** Why an ONVIF request of a user could not be done; the API turns {@link #reason()} into a status. */
public final class OnvifServiceException extends RuntimeException {
    /** What went wrong. */
    public enum Reason {
        /** The request itself is wrong (a malformed address). */
        INVALID,
        /** No such device, or the camera is not an ONVIF device's (or has no PTZ). */
        NOT_FOUND,
        /** The device is already added. */
        CONFLICT,
        /** The device refused the credentials. */
        DEVICE_UNAUTHORIZED,
        /** The device did not answer in time. */
        DEVICE_TIMEOUT,
        /** The device could not be reached, answered with a fault or something unreadable. */
        DEVICE_ERROR
    }

    private final Reason reason;

    public OnvifServiceException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** The service's view of a client failure. */
    static OnvifServiceException of(OnvifException e) {
        return new OnvifServiceException(switch (e.kind()) {
            case NOT_AUTHORIZED -> Reason.DEVICE_UNAUTHORIZED;
            case TIMEOUT -> Reason.DEVICE_TIMEOUT;
            default -> Reason.DEVICE_ERROR;
        }, e.getMessage());
    }

    public Reason reason() {
        return reason;
    }

    /** A stable code for bulk reports: {@code device_unauthorized}, {@code conflict} … */
    public String code() {
        return reason.name().toLowerCase(java.util.Locale.ROOT);
    }
}
