package io.argus.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.argus.server.config.ConfigKey;
import io.argus.server.config.ConfigKeys;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/ as Kubernetes, Compose and systemd read it: every Kubernetes manifest through fabric8's Kubernetes model
 * (an unknown field, which the model keeps aside instead of failing, fails here; so does a missing required field),
 * the parts wired to each other (selectors, the governing service, the HPA's target), and every Argus setting the
 * files name (keys in the node's YAML, {@code ARGUS_*} variables) against {@link ConfigKeys}, so a renamed key
 * cannot leave a deployment silently on defaults.
 */
class DeploymentManifestsTest {
    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory());
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "ConfigMap", ConfigMap.class, "Secret", Secret.class, "Service", Service.class,
            "StatefulSet", StatefulSet.class, "PodDisruptionBudget", PodDisruptionBudget.class,
            "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);
    private static final Pattern ENV = Pattern.compile("\\bARGUS_[A-Z0-9_]+\\b");

    private static List<HasMetadata> resources;

    @BeforeAll
    static void readKubernetes() throws IOException {
        resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode doc : YAML.readValues(YAML.createParser(f.toFile()), JsonNode.class).readAll()) {
                    String kind = doc.path("kind").asText();
                    assertThat(KINDS).as("%s: kind %s", f, kind).containsKey(kind);
                    assertThat(doc.path("apiVersion").asText()).as("%s: apiVersion", f).isNotEmpty();
                    HasMetadata r = new ObjectMapper().treeToValue(doc, KINDS.get(kind));
                    assertThat(unknownFields(r, kind)).as("%s: fields the Kubernetes model does not know", f)
                            .isEmpty();
                    assertThat(r.getMetadata().getName()).as("%s: metadata.name", f).isNotBlank();
                    resources.add(r);
                }
            }
        }
    }

    private static <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = resources.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    @Test
    void everyKindANodeNeedsIsThere() {
        assertThat(resources.stream().map(HasMetadata::getKind).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(KINDS.keySet());
    }

    @Test
    void theStatefulSetHasWhatKubernetesRequiresAndIsWiredToItsServiceAndConfig() {
        StatefulSet set = one(StatefulSet.class);
        var spec = set.getSpec();
        assertThat(spec.getSelector()).as("spec.selector").isNotNull();
        Map<String, String> labels = spec.getTemplate().getMetadata().getLabels();
        assertThat(labels).containsAllEntriesOf(spec.getSelector().getMatchLabels());
        List<Container> containers = spec.getTemplate().getSpec().getContainers();
        assertThat(containers).isNotEmpty().allSatisfy(c -> {
            assertThat(c.getName()).isNotBlank();
            assertThat(c.getImage()).isNotBlank();
        });
        Service governing = resources.stream().filter(Service.class::isInstance).map(Service.class::cast)
                .filter(s -> s.getMetadata().getName().equals(spec.getServiceName())).findFirst().orElseThrow();
        assertThat(governing.getSpec().getClusterIP()).as("the governing service is headless").isEqualTo("None");
        for (Service s : resources.stream().filter(Service.class::isInstance).map(Service.class::cast).toList()) {
            assertThat(labels).as("service %s selects the nodes", s.getMetadata().getName())
                    .containsAllEntriesOf(s.getSpec().getSelector());
            assertThat(s.getSpec().getPorts()).isNotEmpty().allSatisfy(p -> assertThat(p.getPort()).isPositive());
        }
        Container argus = containers.get(0);
        Set<String> ports = argus.getPorts().stream().map(p -> p.getName()).collect(Collectors.toSet());
        for (var probe : List.of(argus.getReadinessProbe(), argus.getLivenessProbe())) {
            assertThat(ports).contains(probe.getHttpGet().getPort().getStrVal());
        }
        assertThat(argus.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(argus.getArgs()).containsSequence("--config", "/etc/argus/argus.yaml");
        assertThat(argus.getEnvFrom().get(0).getSecretRef().getName())
                .isEqualTo(one(Secret.class).getMetadata().getName());
        assertThat(spec.getTemplate().getSpec().getVolumes()).anySatisfy(v -> assertThat(
                v.getConfigMap().getName()).isEqualTo(one(ConfigMap.class).getMetadata().getName()));
        assertThat(spec.getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .as("time for SIGTERM's hand-over").isGreaterThanOrEqualTo(30L);
    }

    @Test
    void theBudgetAndTheAutoscalerTargetTheNodes() {
        StatefulSet set = one(StatefulSet.class);
        PodDisruptionBudget pdb = one(PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getSelector().getMatchLabels())
                .isEqualTo(set.getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getMaxUnavailable() != null || pdb.getSpec().getMinAvailable() != null).isTrue();
        HorizontalPodAutoscaler hpa = one(HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("StatefulSet");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(set.getMetadata().getName());
        assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(hpa.getSpec().getMinReplicas());
        assertThat(hpa.getSpec().getMetrics()).isNotEmpty().allSatisfy(m -> assertThat(
                m.getPods().getMetric().getName()).startsWith("argus_"));
    }

    @Test
    void theNodesConfigurationNamesOnlyKeysArgusKnowsWithValuesItParses() throws IOException {
        JsonNode kube = YAML.readTree(one(ConfigMap.class).getData().get("argus.yaml"));
        JsonNode compose = YAML.readTree(DEPLOY.resolve("compose/argus.yaml").toFile());
        for (JsonNode config : List.of(kube, compose)) {
            Map<String, String> flat = new java.util.TreeMap<>();
            flatten("", config, flat);
            assertThat(flat).containsKeys("metadata.url", "cluster.kafka");
            Map<String, ConfigKey<?>> keys = ConfigKeys.ALL.stream()
                    .collect(Collectors.toMap(ConfigKey::name, k -> k));
            flat.forEach((name, value) -> {
                assertThat(keys).as("config key %s", name).containsKey(name);
                keys.get(name).parser().apply(value);
            });
        }
    }

    @Test
    void everyArgusVariableTheFilesSetIsAKeysVariable() throws IOException {
        Set<String> known = ConfigKeys.ALL.stream().map(ConfigKey::envName).collect(Collectors.toSet());
        Set<String> named = new TreeSet<>();
        for (EnvVar e : one(StatefulSet.class).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            if (e.getName().startsWith("ARGUS_")) {
                named.add(e.getName());
            }
        }
        named.addAll(one(Secret.class).getStringData().keySet());
        for (String file : List.of("compose/compose.yaml", "systemd/argus.service", "docker/Dockerfile")) {
            Matcher m = ENV.matcher(Files.readString(DEPLOY.resolve(file)));
            while (m.find()) {
                named.add(m.group());
            }
        }
        assertThat(named).isNotEmpty();
        assertThat(known).containsAll(named);
    }

    @Test
    void composeRunsThreeNodesOnPostgresKafkaAndMinio() throws IOException {
        // SnakeYAML resolves the merge keys (<<) the file shares the nodes' settings with, as Compose does.
        Object compose = new Yaml().load(Files.readString(DEPLOY.resolve("compose/compose.yaml")));
        JsonNode services = new ObjectMapper().valueToTree(compose).path("services");
        assertThat(iterable(services.fieldNames())).contains("postgres", "kafka", "minio", "argus1", "argus2",
                "argus3");
        for (String node : List.of("argus1", "argus2", "argus3")) {
            JsonNode env = services.path(node).path("environment");
            assertThat(env.path("ARGUS_CLUSTER_NODE").asText()).isEqualTo(node);
            assertThat(env.path("ARGUS_METADATA_PASSWORD").asText())
                    .isEqualTo(services.path("postgres").path("environment").path("POSTGRES_PASSWORD").asText());
            assertThat(services.path(node).path("command").toString()).contains("--config");
        }
        assertThat(services.path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText())
                .isEqualTo("broker,controller");
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node instanceof ObjectNode o) {
            o.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), out));
        } else {
            out.put(prefix, node.asText());
        }
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }

    /** Paths of the fields fabric8 put aside as additional properties: those its model of the kind does not have. */
    private static List<String> unknownFields(Object root, String path) {
        List<String> found = new ArrayList<>();
        walk(root, path, found, new IdentityHashMap<>());
        return found;
    }

    private static void walk(Object o, String path, List<String> found, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                walk(e, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "." + k, found, seen));
            return;
        }
        if (!o.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method g : o.getClass().getMethods()) {
            if (g.getParameterCount() != 0 || !g.getName().startsWith("get") || Modifier.isStatic(g.getModifiers())
                    || g.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = g.invoke(o);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (g.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> found.add(path + "." + k));
                }
            } else {
                walk(value, path + "." + g.getName().substring(3), found, seen);
            }
        }
    }
}
