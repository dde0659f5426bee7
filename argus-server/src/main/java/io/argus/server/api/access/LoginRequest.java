package io.argus.server.api.access;

/**
 * {@code POST /api/v1/auth/login}.
 *
 * @param tenant the tenant's name; null for the default tenant
 */
public record LoginRequest(String username, String password, String tenant) {
    @Override
    public String toString() {
        return "LoginRequest[" + username + "]";
    }
}
