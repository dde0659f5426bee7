package io.argus.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.server.ArgusServer;
import io.argus.server.audit.AuditActions;
import io.argus.server.auth.Action;
import io.argus.server.config.ArgusConfig;
import io.argus.testkit.tier.E2e;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route that changes something declares what it audits where it is registered, and what it declares is
 * recordable: a known action, a target parameter its path has, and a view only of a camera.
 */
@E2e
class AuditTrailCoverageTest {
    @TempDir
    Path dir;

    @Test
    void everyChangingRouteDeclaresAValidAudit() throws IllegalAccessException {
        Set<String> actions = new HashSet<>();
        for (Field f : AuditActions.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                actions.add((String) f.get(null));
            }
        }
        try (ArgusServer server = ArgusServer.start(ArgusConfig.ephemeral(dir, Map.of("admin.password", "pw")))) {
            List<Routes.Entry> entries = server.http().routes();
            List<String> problems = new ArrayList<>();
            for (Routes.Entry e : entries) {
                Audit a = e.audit();
                boolean changing = e.method().matches("POST|PUT|PATCH|DELETE");
                if (changing && !a.audited()) {
                    problems.add(e.key() + ": changes something but audits nothing");
                }
                if (!a.audited()) {
                    continue;
                }
                if (!actions.contains(a.action())) {
                    problems.add(e.key() + ": unknown audit action " + a.action());
                }
                String p = a.targetParam();
                if (p != null && !p.equals(Audit.SELF) && !e.path().contains("{" + p + "}")) {
                    problems.add(e.key() + ": audits target {" + p + "} the path does not have");
                }
                if (a.kind() == Audit.Kind.VIEW && !e.path().contains("{id}")) {
                    problems.add(e.key() + ": a view of no camera");
                }
            }
            assertThat(problems).isEmpty();
            Set<String> audited = entries.stream().filter(e -> e.audit().audited()).map(Routes.Entry::key)
                    .collect(Collectors.toSet());
            assertThat(audited).contains("POST /api/v1/auth/login", "PATCH /api/v1/users/{uid}",
                    "WS /api/v1/cameras/{id}/live.ws", "GET /api/v1/cameras/{id}/export.mp4");
        }
    }

    @Test
    void aChangingRouteCannotBeRegisteredWithoutAnAudit() {
        Routes routes = new Routes(null, null);
        assertThatThrownBy(() -> routes.post("/x", Require.tenant(Action.MANAGE_CAMERAS), Audit.NONE, ctx -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audits");
    }

    @Test
    void pathParametersAreReadFromTheRequestPath() {
        assertThat(AuditTrail.param("/api/v1/cameras/{id}/bookmarks/{bid}", "/api/v1/cameras/c1/bookmarks/b2", "bid"))
                .isEqualTo("b2");
        assertThat(AuditTrail.param("/api/v1/cameras/{id}/bookmarks/{bid}", "/api/v1/cameras/c1/bookmarks/b2", "id"))
                .isEqualTo("c1");
    }
}
