package io.argus.server.config;

/** The configuration cannot be used; the message names the key and the reason, for a person to fix. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
