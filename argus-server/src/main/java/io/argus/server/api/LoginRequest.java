package io.argus.server.api;

/** {@code POST /api/v1/auth/login}. */
public record LoginRequest(String username, String password) {
    @Override
    public String toString() {
        return "LoginRequest[" + username + "]";
    }
}
