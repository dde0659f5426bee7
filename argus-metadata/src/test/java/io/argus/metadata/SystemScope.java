package io.argus.metadata;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs each test as system work ({@link TenantScope#enterSystem}), as the node's start-up and background work run:
 * the repository tests test the repositories' own scoping by tenant, on either engine; PostgreSQL's row-level
 * security, which shows a thread without a scope nothing, has tests of its own ({@link RowLevelSecurityTest}).
 */
final class SystemScope implements BeforeEachCallback, AfterEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
        TenantScope.enterSystem();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TenantScope.clear();
    }
}
