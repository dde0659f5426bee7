package io.argus.server.api;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 document of the REST API ({@code GET /api/v1/openapi.json}), generated from the route registry
 * ({@link Routes}): every path and method, what each requires ({@code x-argus-requires} and its security), what it
 * audits ({@code x-argus-audit}), its path parameters, and the request and answer shapes where the route declared
 * them, as JSON Schemas derived from the DTO records. A WebSocket is listed as the GET that upgrades it
 * ({@code x-argus-websocket}). Nothing here is written by hand per route, so the document cannot drift from what
 * the server serves.
 */
public final class OpenApi {
    public static final String PATH = "/api/v1/openapi.json";
    private static final Pattern PARAM = Pattern.compile("\\{([^}/]+)}");
    private static final String ERROR = "#/components/responses/Error";

    private final Map<String, Object> schemas = new TreeMap<>();
    private final Map<String, Class<?>> named = new TreeMap<>();

    private OpenApi() {
    }

    /** The document for {@code entries}, as nested maps and lists ready for a JSON writer. */
    public static Map<String, Object> document(List<Routes.Entry> entries) {
        return new OpenApi().build(entries);
    }

    /** How {@code r} is written in the document and in {@code docs/api.md}. */
    static String describe(Require r) {
        return switch (r) {
            case Require.Public p -> "public";
            case Require.Authenticated a -> "authenticated";
            case Require.Tenant t -> "tenant:" + t.action().id();
            case Require.Camera c -> "camera:" + (c.action() == null ? "any" : c.action().id());
        };
    }

    private Map<String, Object> build(List<Routes.Entry> entries) {
        Map<String, Object> paths = new TreeMap<>();
        for (Routes.Entry e : entries) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(e.path(),
                    p -> new LinkedHashMap<String, Object>());
            String method = e.method().equals("WS") ? "get" : e.method().toLowerCase(Locale.ROOT);
            item.put(method, operation(e));
        }
        Map<String, Object> errors = Map.of("Error", Map.of("description", "an error: {error, message, fields}",
                "content", json(ref(ErrorResponse.class))));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Argus REST API", "version", "1",
                "description", "Generated from the route registry of the running node. Errors are "
                        + "{\"error\": code, \"message\": text} with a stable code."));
        doc.put("paths", paths);
        doc.put("components", Map.of(
                "schemas", schemas,
                "responses", errors,
                "securitySchemes", Map.of(
                        "bearer", Map.of("type", "http", "scheme", "bearer",
                                "description", "a session token from POST /api/v1/auth/login or an API token"),
                        "signedUrl", Map.of("type", "apiKey", "in", "query", "name", "sig",
                                "description", "a signed media URL from POST /api/v1/cameras/{id}/media-urls on "
                                        + "the camera's media paths; on WHIP's, its publish URL from POST "
                                        + "/api/v1/cameras/{id}/publish-url"))));
        return doc;
    }

    private Map<String, Object> operation(Routes.Entry e) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", operationId(e));
        if (e.summary() != null) {
            op.put("summary", e.summary());
        }
        List<Object> params = new ArrayList<>();
        Matcher m = PARAM.matcher(e.path());
        while (m.find()) {
            params.add(Map.of("name", m.group(1), "in", "path", "required", true,
                    "schema", Map.of("type", "string")));
        }
        if (!params.isEmpty()) {
            op.put("parameters", params);
        }
        if (e.body() != null) {
            op.put("requestBody", Map.of("required", true, "content", json(ref(e.body()))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("description", e.method().equals("WS") ? "switching to the WebSocket protocol" : "success");
        if (e.returns() != null) {
            Object schema = e.returnsList() ? Map.of("type", "array", "items", ref(e.returns())) : ref(e.returns());
            ok.put("content", json(schema));
        }
        responses.put(e.method().equals("WS") ? "101" : "2XX", ok);
        responses.put("default", Map.of("$ref", ERROR));
        op.put("responses", responses);
        op.put("security", security(e));
        op.put("x-argus-requires", describe(e.require()));
        if (e.audit().audited()) {
            op.put("x-argus-audit", e.audit().action());
        }
        if (e.method().equals("WS")) {
            op.put("x-argus-websocket", true);
        }
        return op;
    }

    /** A bearer token, and a {@code ?sig=} where {@link AuthFilter} takes one: media and WHIP paths. */
    private static List<Object> security(Routes.Entry e) {
        if (e.require() instanceof Require.Public) {
            return List.of();
        }
        return MediaPaths.camera(e.path()).isPresent() || PublishPaths.matches(e.path())
                ? List.of(Map.of("bearer", List.of()), Map.of("signedUrl", List.of()))
                : List.of(Map.of("bearer", List.of()));
    }

    private static String operationId(Routes.Entry e) {
        StringBuilder b = new StringBuilder(e.method().toLowerCase(Locale.ROOT));
        for (String part : e.path().replace("/api/v1", "").split("[/.{}-]+")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.toString();
    }

    private static Map<String, Object> json(Object schema) {
        return Map.of("application/json", Map.of("schema", schema));
    }

    /** A reference to {@code type}'s schema, named by its simple name (qualified by its outer class on a clash). */
    private Map<String, Object> ref(Class<?> type) {
        String name = type.getSimpleName();
        Class<?> holder = named.putIfAbsent(name, type);
        if (holder != null && holder != type) {
            name = type.getName().substring(type.getName().lastIndexOf('.') + 1).replace('$', '_');
            named.putIfAbsent(name, type);
        }
        if (!schemas.containsKey(name)) {
            schemas.put(name, Map.of());
            schemas.put(name, schema(type));
        }
        return Map.of("$ref", "#/components/schemas/" + name);
    }

    private Map<String, Object> schema(Class<?> type) {
        if (!type.isRecord()) {
            return Map.of("type", "object");
        }
        Map<String, Object> props = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            props.put(c.getName(), typeSchema(c.getGenericType()));
        }
        return Map.of("type", "object", "properties", props);
    }

    private Object typeSchema(Type t) {
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return Map.of("type", "array", "items", typeSchema(args[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("type", "object", "additionalProperties", typeSchema(args[1]));
            }
            return Map.of("type", "object");
        }
        if (!(t instanceof Class<?> c)) {
            return Map.of();
        }
        if (c == String.class) {
            return Map.of("type", "string");
        }
        if (c == UUID.class) {
            return Map.of("type", "string", "format", "uuid");
        }
        if (c == Instant.class) {
            return Map.of("type", "string", "format", "date-time");
        }
        if (c == boolean.class || c == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            return Map.of("type", "integer");
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
            return Map.of("type", "number");
        }
        if (c.isEnum()) {
            List<String> values = new ArrayList<>();
            for (Object v : c.getEnumConstants()) {
                values.add(((Enum<?>) v).name());
            }
            return Map.of("type", "string", "enum", values);
        }
        if (c.isRecord()) {
            return ref(c);
        }
        return Map.of();
    }
}
