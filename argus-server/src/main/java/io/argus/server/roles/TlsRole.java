package io.argus.server.roles;

import io.argus.server.Role;
import io.argus.server.config.TlsConfig;
import io.argus.server.tls.TlsMaterial;
import java.nio.file.Path;

/**
 * The node's TLS certificate, loaded (or made, the first time) before the servers that use it start: RTSPS and
 * HTTPS serve the same one. Does nothing when {@code tls.enabled} is false.
 */
public final class TlsRole implements Role {
    private final TlsConfig config;
    private final Path dataDir;
    private volatile TlsMaterial material;

    public TlsRole(TlsConfig config, Path dataDir) {
        this.config = config;
        this.dataDir = dataDir;
    }

    @Override
    public String name() {
        return "tls";
    }

    @Override
    public void start() throws Exception {
        if (config.enabled()) {
            material = TlsMaterial.load(config, dataDir);
        }
    }

    @Override
    public void stop() {
        material = null;
    }

    public TlsConfig config() {
        return config;
    }

    /** The certificate and protocols; null when TLS is off. */
    public TlsMaterial material() {
        return material;
    }
}
