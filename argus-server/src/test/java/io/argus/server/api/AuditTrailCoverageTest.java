package io.argus.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.server.ArgusServer;
import io.argus.server.config.ArgusConfig;
import io.argus.testkit.tier.E2e;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route that changes something is audited, and the audit table names only routes that exist. */
@E2e
class AuditTrailCoverageTest {
    @TempDir
    Path dir;

    @Test
    void everyChangingRouteIsInTheAuditTable() {
        try (ArgusServer server = ArgusServer.start(ArgusConfig.ephemeral(dir, Map.of("admin.password", "pw")))) {
            List<String> routes = server.httpRoutes();
            List<String> changing = routes.stream().filter(r -> r.matches("(POST|PUT|PATCH|DELETE) .*")).toList();
            assertThat(changing).isNotEmpty();
            assertThat(AuditTrail.RULES.keySet()).containsAll(changing);
            assertThat(routes).containsAll(AuditTrail.RULES.keySet());
        }
    }

    @Test
    void pathParametersAreReadFromTheRequestPath() {
        assertThat(AuditTrail.param("/api/v1/cameras/{id}/bookmarks/{bid}", "/api/v1/cameras/c1/bookmarks/b2", "bid"))
                .isEqualTo("b2");
        assertThat(AuditTrail.param("/api/v1/cameras/{id}/bookmarks/{bid}", "/api/v1/cameras/c1/bookmarks/b2", "id"))
                .isEqualTo("c1");
    }
}
