package io.argus.server.auth;

import io.argus.metadata.CustomRole;
import io.argus.metadata.RolePermission;
import io.argus.metadata.RoleRepository;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a role name gives, and the rule against escalation: a caller may give (to a user, or put in a custom
 * role, or to the holders of a role by adding cameras to a camera group it names) only actions it has itself on
 * the whole tenant, with its token's scopes, so a user or camera manager cannot make itself or anyone else more
 * than it is.
 */
public final class RoleRights {
    private final RoleRepository roles;

    public RoleRights(RoleRepository roles) {
        this.roles = roles;
    }

    /** The actions of role {@code name} in the tenant; 400 naming {@code field} for an unknown role. */
    public Set<Action> actions(UUID tenant, String name, String field) {
        return held(tenant, name).orElseThrow(() -> AccessException.invalid(field, "names an unknown role: " + name));
    }

    /**
     * The actions role {@code name} gives in the tenant; empty when there is no such role (a role deleted after it
     * was given gives nothing, as {@link Principals} resolves it).
     */
    Optional<Set<Action>> held(UUID tenant, String name) {
        Optional<BuiltInRole> b = BuiltInRole.parse(name);
        if (b.isPresent()) {
            return Optional.of(b.get().actions());
        }
        return roles.findByName(tenant, name).map(RoleRights::actions);
    }

    private static Set<Action> actions(CustomRole r) {
        Set<Action> out = EnumSet.noneOf(Action.class);
        r.permissions().forEach(p -> p.actions().forEach(a -> Action.parse(a).ifPresent(out::add)));
        return out;
    }

    /** 403 unless {@code caller} has every one of {@code actions} on the whole tenant. */
    public static void mayGive(Principal caller, Set<Action> actions) {
        for (Action a : actions) {
            if (!caller.can(a)) {
                throw AccessException.forbidden("you cannot give the permission " + a.id()
                        + ": you do not have it on the whole tenant");
            }
        }
    }

    /** Checks every role in {@code names} exists and may be given by {@code caller}. */
    public void checkAssignable(Principal caller, List<String> names) {
        for (String n : names) {
            mayGive(caller, actions(caller.tenantId(), n, "roles"));
        }
    }

    /**
     * 403 unless {@code caller} may add cameras to camera group {@code group}: a camera added to a group gets
     * every camera action that any custom role of the tenant grants on the group, so the caller must be able to
     * give each of them ({@link #mayGive}). A group no role names gives nothing and needs nothing; taking
     * cameras out of a group, renaming or deleting it only narrows what roles give.
     */
    public void checkMayAddCamerasTo(Principal caller, UUID group, String groupName) {
        for (CustomRole r : roles.list(caller.tenantId())) {
            for (RolePermission p : r.permissions()) {
                if (p.allCameras() || !p.groupIds().contains(group)) {
                    continue;
                }
                for (String id : p.actions()) {
                    Action.parse(id).filter(Action::camera).filter(a -> !caller.can(a)).ifPresent(a -> {
                        throw AccessException.forbidden("you cannot add cameras to camera group " + groupName
                                + ": role " + r.name() + " gives " + a.id() + " on it, which you do not have on "
                                + "the whole tenant");
                    });
                }
            }
        }
    }

    /** Checks every role in {@code names} exists in the tenant (the console gives any role that exists). */
    void checkExist(UUID tenant, List<String> names) {
        names.forEach(n -> actions(tenant, n, "roles"));
    }
}
