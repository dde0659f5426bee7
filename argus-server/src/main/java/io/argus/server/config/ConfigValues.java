package io.argus.server.config;

import java.util.Map;

/** Parsed values by key, each present (defaults included). */
final class ConfigValues {
    private final Map<ConfigKey<?>, Object> values;

    ConfigValues(Map<ConfigKey<?>, Object> values) {
        this.values = Map.copyOf(values);
    }

    @SuppressWarnings("unchecked")
    <T> T get(ConfigKey<T> key) {
        return (T) values.get(key);
    }
}
