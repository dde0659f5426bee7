package io.argus.server.camera;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A camera's RTSP path as someone in a given tenant writes it: {@code <name or id>} for a camera of that tenant,
 * {@code <tenant id>/<name or id>} for one of another tenant (which only a system admin may read, as over HTTP with
 * {@code X-Argus-Tenant}). Camera names never start with a UUID segment ({@link CameraService}), so the two forms
 * cannot be confused.
 *
 * @param name the camera's name or id within {@code tenant}
 */
public record TenantPath(UUID tenant, String name) {
    public TenantPath {
        Objects.requireNonNull(tenant);
        Objects.requireNonNull(name);
    }

    /** The path a URL names, read from {@code home}: empty for an empty path. */
    public static Optional<TenantPath> parse(String path, UUID home) {
        int slash = path.indexOf('/');
        UUID tenant = slash < 0 ? null : uuid(path.substring(0, slash));
        TenantPath p = tenant != null ? new TenantPath(tenant, path.substring(slash + 1)) : new TenantPath(home, path);
        return p.name.isEmpty() ? Optional.empty() : Optional.of(p);
    }

    /** This path as someone in {@code home} writes it. */
    public String relativeTo(UUID home) {
        return tenant.equals(home) ? name : tenant + "/" + name;
    }

    /** The UUID {@code s} spells in its canonical form, or null (a name segment such as {@code live}). */
    static UUID uuid(String s) {
        if (s.length() != 36) {
            return null;
        }
        try {
            UUID u = UUID.fromString(s);
            return u.toString().equalsIgnoreCase(s) ? u : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
