package io.argus.server.cli;

import java.util.Map;

/** Creates the offline commands (verify, keys, evidence, audit verify) with the environment they read configuration from. */
final class OfflineCommands {
    private OfflineCommands() {
    }

    /** The command, or null if {@code cls} is not one of them. */
    static Object create(Class<?> cls, Map<String, String> env) {
        if (cls == VerifyCommand.class) {
            return new VerifyCommand(env);
        }
        if (cls == KeysCommand.RotateMaster.class) {
            return new KeysCommand.RotateMaster(env);
        }
        if (cls == KeysCommand.RotateData.class) {
            return new KeysCommand.RotateData(env);
        }
        if (cls == AuditCommand.Verify.class) {
            return new AuditCommand.Verify(env);
        }
        if (cls == EvidenceCommand.Export.class) {
            return new EvidenceCommand.Export(env);
        }
        return null;
    }
}
