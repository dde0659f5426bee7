package io.argus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which node ingests each camera, as the API shows it: a camera is on a node when that node's
 * {@code GET /api/v1/cameras} shows it {@code live} with {@code status.owner} true (the node owns the camera's
 * shard). A camera live on a node that does not own its shard does not count: that is the old owner not yet
 * stopped, or (before ingest followed the shards) every node ingesting every camera.
 */
record CameraOwners(Map<String, Set<String>> byCamera, String seen) {
    CameraOwners(Map<String, Set<String>> byCamera) {
        this(byCamera, "");
    }

    /** Asks every node given; a node that does not answer owns nothing. */
    static CameraOwners of(List<ArgusCluster.Node> nodes) {
        Map<String, Set<String>> by = new HashMap<>();
        StringBuilder seen = new StringBuilder();
        for (ArgusCluster.Node n : nodes) {
            List<JsonNode> cameras;
            try {
                cameras = n.api().cameras();
            } catch (RuntimeException e) {
                seen.append(n.name()).append(": ").append(e).append("; ");
                continue;
            }
            Map<String, Integer> states = new TreeMap<>();
            int owned = 0;
            for (JsonNode c : cameras) {
                JsonNode s = c.path("status");
                states.merge(s.path("state").asText("none"), 1, Integer::sum);
                if ("live".equals(s.path("state").asText()) && s.path("owner").asBoolean()) {
                    owned++;
                    by.computeIfAbsent(c.path("id").asText(), k -> new TreeSet<>()).add(n.name());
                }
            }
            seen.append(n.name()).append(": ").append(states).append(", owner of ").append(owned).append(" live; ");
        }
        return new CameraOwners(Map.copyOf(by), seen.toString());
    }

    /** Equal owners; what the nodes showed besides does not count. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CameraOwners other && byCamera.equals(other.byCamera);
    }

    @Override
    public int hashCode() {
        return byCamera.hashCode();
    }

    /** The one owner of the camera, or null when it has none or (for a moment, in a hand-over) two. */
    String owner(String camera) {
        Set<String> s = byCamera.get(camera);
        return s != null && s.size() == 1 ? s.iterator().next() : null;
    }

    /** Every camera has exactly one owner. */
    boolean settled(List<String> cameras) {
        return cameras.stream().allMatch(c -> owner(c) != null);
    }

    List<String> camerasOf(String node, List<String> cameras) {
        return cameras.stream().filter(c -> node.equals(owner(c))).toList();
    }

    /** Cameras whose single owner differs between the two (or that have one in only one of them). */
    long moved(CameraOwners before, List<String> cameras) {
        return cameras.stream().filter(c -> !Objects.equals(before.owner(c), owner(c))).count();
    }
}
