package io.argus.server.api.access;

import java.time.Instant;
import java.util.List;

/** Request and answer bodies of the tenant, user, role, camera group and token routes. */
final class AccessDtos {
    private AccessDtos() {
    }

    record TenantRequest(String name, Boolean disabled, String adminUsername, String adminPassword) {
        @Override
        public String toString() {
            return "TenantRequest[" + name + "]";
        }
    }

    record TenantResponse(String id, String name, boolean disabled, Instant createdAt) {
    }

    record UserRequest(String username, String password, List<String> roles, Boolean disabled) {
        @Override
        public String toString() {
            return "UserRequest[" + username + "]";
        }
    }

    record UserResponse(String id, String username, List<String> roles, boolean disabled, Instant createdAt) {
    }

    /** @param windowSeconds playback and export only of the last this many seconds; null for no limit */
    record PermissionBody(List<String> actions, Boolean allCameras, List<String> cameraIds, List<String> groupIds,
                          Long windowSeconds) {
    }

    record RoleRequest(String name, String description, List<PermissionBody> permissions) {
    }

    /** @param id null for a built-in role */
    record RoleResponse(String id, String name, String description, boolean builtIn, List<PermissionBody> permissions) {
    }

    record GroupRequest(String name, List<String> cameraIds) {
    }

    record GroupResponse(String id, String name, List<String> cameraIds, Instant createdAt) {
    }

    record TokenRequest(String name, List<String> scopes, Integer expiresInDays) {
    }

    /** @param token the plain token: only in the answer to its creation, null in lists */
    record TokenResponse(String id, String kind, String name, List<String> scopes, Instant createdAt,
                         Instant expiresAt, boolean current, String token) {
        @Override
        public String toString() {
            return "TokenResponse[" + id + "]";
        }
    }

    record PasswordRequest(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordRequest[***]";
        }
    }

    record MeResponse(String id, String username, String tenantId, String tenantName, List<String> roles,
                      List<String> actions, boolean systemAdmin, String tokenId) {
    }
}
