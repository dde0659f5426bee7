package io.argus.server.api;

import io.argus.metadata.CustomRole;
import io.argus.metadata.RoleRepository;
import io.argus.server.auth.Action;
import io.argus.server.auth.BuiltInRole;
import io.argus.server.auth.Principal;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Role names as users hold them, and the rule against escalation: a caller may give (to a user, or put in a
 * custom role) only actions it has itself on the whole tenant, so a user manager cannot make itself an admin.
 */
final class RoleNames {
    private final RoleRepository roles;

    RoleNames(RoleRepository roles) {
        this.roles = roles;
    }

    /** The actions of role {@code name} in the tenant; 400 naming {@code field} for an unknown role. */
    Set<Action> actions(UUID tenant, String name, String field) {
        Optional<BuiltInRole> b = BuiltInRole.parse(name);
        if (b.isPresent()) {
            return b.get().actions();
        }
        CustomRole r = roles.findByName(tenant, name).orElseThrow(() -> Validate.invalid(field,
                "names an unknown role: " + name));
        Set<Action> out = EnumSet.noneOf(Action.class);
        r.permissions().forEach(p -> p.actions().forEach(a -> Action.parse(a).ifPresent(out::add)));
        return out;
    }

    /** 403 unless {@code caller} has every one of {@code actions} on the whole tenant. */
    static void mayGive(Principal caller, Set<Action> actions) {
        for (Action a : actions) {
            if (!caller.can(a)) {
                throw new ApiException(ErrorCode.FORBIDDEN, "you cannot give the permission " + a.id()
                        + ": you do not have it on the whole tenant");
            }
        }
    }

    /** Checks every role in {@code names} exists and may be given by {@code caller}. */
    void checkAssignable(Principal caller, List<String> names) {
        for (String n : names) {
            mayGive(caller, actions(caller.tenantId(), n, "roles"));
        }
    }
}
