package io.argus.media.rtsp;

/** Status codes Argus sends or acts on (RFC 2326 §7.1.1), with their reason phrases. */
public final class RtspStatus {
    public static final int OK = 200;
    public static final int MOVED_PERMANENTLY = 301;
    public static final int FOUND = 302;
    public static final int BAD_REQUEST = 400;
    public static final int UNAUTHORIZED = 401;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int METHOD_NOT_ALLOWED = 405;
    public static final int SESSION_NOT_FOUND = 454;
    public static final int METHOD_NOT_VALID_IN_THIS_STATE = 455;
    public static final int UNSUPPORTED_TRANSPORT = 461;
    public static final int INTERNAL_SERVER_ERROR = 500;
    public static final int NOT_IMPLEMENTED = 501;
    public static final int SERVICE_UNAVAILABLE = 503;

    private RtspStatus() {
    }

    public static String reason(int status) {
        return switch (status) {
            case OK -> "OK";
            case MOVED_PERMANENTLY -> "Moved Permanently";
            case FOUND -> "Found";
            case BAD_REQUEST -> "Bad Request";
            case UNAUTHORIZED -> "Unauthorized";
            case FORBIDDEN -> "Forbidden";
            case NOT_FOUND -> "Not Found";
            case METHOD_NOT_ALLOWED -> "Method Not Allowed";
            case SESSION_NOT_FOUND -> "Session Not Found";
            case METHOD_NOT_VALID_IN_THIS_STATE -> "Method Not Valid in This State";
            case UNSUPPORTED_TRANSPORT -> "Unsupported Transport";
            case INTERNAL_SERVER_ERROR -> "Internal Server Error";
            case NOT_IMPLEMENTED -> "Not Implemented";
            case SERVICE_UNAVAILABLE -> "Service Unavailable";
            default -> "";
        };
    }
}
