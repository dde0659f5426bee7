package io.argus.metadata;

import java.util.UUID;

/** Well-known tenants. A single node serves one tenant until multi-tenant administration exists. */
public final class Tenants {
    /** The tenant the first migration creates; users and cameras belong to it by default. */
    public static final UUID DEFAULT_ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private Tenants() {
    }
}
