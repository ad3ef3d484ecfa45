package io.wolfpack.images.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Hand-made manifests and configs: a layer named "a" has digest sha256("layer-a") and diff_id sha256("diff-a"). */
final class TestImages {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TestImages() {
    }

    static String digest(String text) {
        return Manifest.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String layer(String name) {
        return digest("layer-" + name);
    }

    static String diffId(String name) {
        return digest("diff-" + name);
    }

    /** A Docker schema2 linux/amd64 image with one "RUN" history entry per layer. */
    static RebaseImage image(String name, String... layers) {
        return image(name, MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LAYER, "linux", "amd64", defaultHistory(layers), layers);
    }

    static RebaseImage image(String name, String manifestType, String layerType, String os, String arch,
                             List<JsonNode> history, String... layers) {
        return new RebaseImage(name, manifest(name, manifestType, layerType, layers), config(os, arch, history, layers));
    }

    static Manifest manifest(String name, String manifestType, String layerType, String... layers) {
        ObjectNode m = JSON.objectNode().put("schemaVersion", 2).put("mediaType", manifestType);
        m.putObject("config").put("mediaType", manifestType.equals(MediaTypes.OCI_MANIFEST) ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG)
                .put("digest", digest("config-" + name)).put("size", 1234);
        ArrayNode ls = m.putArray("layers");
        for (String l : layers) ls.addObject().put("mediaType", layerType).put("digest", layer(l)).put("size", 100 + l.length());
        return Manifest.parse(m.toString().getBytes(StandardCharsets.UTF_8), null, null);
    }

    static ObjectNode config(String os, String arch, List<JsonNode> history, String... layers) {
        ObjectNode c = JSON.objectNode().put("architecture", arch).put("os", os).put("created", "2024-01-01T00:00:00Z");
        ObjectNode inner = c.putObject("config");
        inner.putArray("Env").add("PATH=/bin");
        inner.putObject("Labels").put("keep", "me").put(RebaseSplice.BASE_NAME_LABEL, "old").put(RebaseSplice.BASE_DIGEST_LABEL, "old");
        ArrayNode ids = c.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        for (String l : layers) ids.add(diffId(l));
        if (!history.isEmpty()) c.putArray("history").addAll(history);
        return c;
    }

    static List<JsonNode> defaultHistory(String... layers) {
        return java.util.Arrays.stream(layers).map(l -> run("RUN make " + l)).toList();
    }

    static JsonNode run(String createdBy) {
        return JSON.objectNode().put("created", "2024-01-01T00:00:00Z").put("created_by", createdBy);
    }

    static JsonNode empty(String createdBy) {
        return JSON.objectNode().put("created", "2024-01-01T00:00:00Z").put("created_by", createdBy).put("empty_layer", true);
    }
}
