package io.wolfpack.images.registry;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One image as rebase sees it: a name for messages (e.g. "apps/web:3"), its manifest and its
 * config. Accessors read the config fields rebase cares about, tolerating their absence.
 */
public record RebaseImage(String name, Manifest manifest, JsonNode config) {
    public RebaseImage {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("rebase image name must not be empty");
        if (manifest == null) throw new IllegalArgumentException("manifest of " + name + " must not be null");
        if (config == null || !config.isObject()) throw new IllegalArgumentException("config of " + name + " must be a JSON object");
    }

    public List<String> diffIds() {
        List<String> ids = new ArrayList<>();
        config.path("rootfs").path("diff_ids").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    /** History entries in order; empty when the config has none. */
    public List<JsonNode> history() {
        List<JsonNode> entries = new ArrayList<>();
        config.path("history").forEach(entries::add);
        return entries;
    }

    public String os() {
        return config.path("os").asText("");
    }

    public String architecture() {
        return config.path("architecture").asText("");
    }

    public String variant() {
        return config.path("variant").asText("");
    }

    /** Entries that made a layer: empty_layer entries (ENV, LABEL, CMD…) made none. */
    static long nonEmpty(List<JsonNode> history) {
        return history.stream().filter(h -> !h.path("empty_layer").asBoolean(false)).count();
    }
}
