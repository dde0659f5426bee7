package io.argus.onvif.xml;

/** XML that cannot be read: malformed, truncated, too large or too deep, or with a DTD. The message says which. */
public final class XmlException extends RuntimeException {
    public XmlException(String message) {
        super(message);
    }

    public XmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
