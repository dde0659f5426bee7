package io.argus.server.auth;

import io.argus.metadata.CustomRole;
import io.argus.metadata.RoleRepository;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a role name gives, and the rule against escalation: a caller may give (to a user, or put in a custom
 * role) only actions it has itself on the whole tenant, with its token's scopes, so a user manager cannot make
 * itself or anyone else more than it is.
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

    /** Checks every role in {@code names} exists in the tenant (the console gives any role that exists). */
    void checkExist(UUID tenant, List<String> names) {
        names.forEach(n -> actions(tenant, n, "roles"));
    }
}
