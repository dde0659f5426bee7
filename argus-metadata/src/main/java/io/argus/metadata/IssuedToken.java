package io.argus.metadata;

/**
 * A freshly issued bearer token and its session. The raw token exists only here, to be handed to the client
 * once; the database keeps its SHA-256.
 */
public record IssuedToken(String token, Session session) {
    @Override
    public String toString() {
        return "IssuedToken[" + session + "]";
    }
}
