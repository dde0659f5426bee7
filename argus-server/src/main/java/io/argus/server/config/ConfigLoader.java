package io.argus.server.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds an {@link ArgusConfig} from, in rising precedence: the key table's defaults, a YAML file (nested or
 * dotted keys), {@code ARGUS_*} environment variables and command-line values. The first unknown key or invalid
 * value stops loading with a {@link ConfigException} naming the key, where it came from, and why.
 */
public final class ConfigLoader {
    private static final YAMLMapper YAML = new YAMLMapper();

    private ConfigLoader() {
    }

    private record Raw(String value, String origin) {
    }

    /**
     * @param file    a YAML file, or null for none
     * @param env     the environment (only {@code ARGUS_*} entries are read)
     * @param cli     key name to value, from command-line flags
     */
    public static ArgusConfig load(Path file, Map<String, String> env, Map<String, String> cli) {
        return load(Map.of(), file, env, cli);
    }

    /**
     * @param defaults key name to value replacing the key table's default (e.g. the demo's data directory);
     *                 the file, environment and command line still override it
     */
    public static ArgusConfig load(Map<String, String> defaults, Path file, Map<String, String> env,
                                   Map<String, String> cli) {
        Map<ConfigKey<?>, Raw> raw = new LinkedHashMap<>();
        for (ConfigKey<?> k : ConfigKeys.ALL) {
            raw.put(k, new Raw(k.defaultValue(), "default"));
        }
        defaults.forEach((name, value) -> raw.put(known(name, "in the defaults"), new Raw(value, "default")));
        if (file != null) {
            readYaml(file).forEach((name, value) -> raw.put(known(name, "in " + file),
                    new Raw(value, file.toString())));
        }
        env.forEach((name, value) -> {
            if (name.startsWith("ARGUS_") && !ConfigKeys.OTHER_ENV.contains(name)) {
                ConfigKey<?> k = ConfigKeys.byEnv(name).orElseThrow(() -> new ConfigException(
                        "unknown environment variable " + name + ": no configuration key has that name"));
                raw.put(k, new Raw(value, "environment variable " + name));
            }
        });
        cli.forEach((name, value) -> raw.put(known(name, "on the command line"), new Raw(value, "command line")));

        Map<ConfigKey<?>, Object> parsed = new HashMap<>();
        raw.forEach((k, r) -> {
            try {
                parsed.put(k, k.parse(r.value()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("invalid value for " + k.name() + " (from " + r.origin() + "): "
                        + (k.secret() ? "rejected" : e.getMessage()));
            }
        });
        try {
            return ArgusConfig.of(new ConfigValues(parsed));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid configuration: " + e.getMessage());
        }
    }

    private static ConfigKey<?> known(String name, String where) {
        return ConfigKeys.byName(name).orElseThrow(() -> new ConfigException(
                "unknown configuration key '" + name + "' " + where + " (see the key table in docs/configuration.md)"));
    }

    private static Map<String, String> readYaml(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file not found: " + file);
        } catch (JacksonException e) {
            throw new ConfigException("config file " + file + " is not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return out;
        }
        if (!root.isObject()) {
            throw new ConfigException("config file " + file + " must hold a mapping of keys to values");
        }
        flatten("", root, file, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Path file, Map<String, String> out) {
        node.properties().forEach(e -> {
            String name = prefix + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flatten(name + ".", v, file, out);
            } else if (v.isValueNode() && !v.isNull()) {
                out.put(name, v.asText());
            } else {
                known(name, "in " + file);
                throw new ConfigException("invalid value for " + name + " (from " + file + "): expected a single value");
            }
        });
    }
}
