package io.wolfpack.images.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.wolfpack.images.registry.TestImages.diffId;
import static io.wolfpack.images.registry.TestImages.empty;
import static io.wolfpack.images.registry.TestImages.image;
import static io.wolfpack.images.registry.TestImages.layer;
import static io.wolfpack.images.registry.TestImages.run;
import static org.assertj.core.api.Assertions.assertThat;

class RebaseSpliceTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String NEW_NAME = "127.0.0.1:5000/base:2";

    // Old base: 2 layers and trailing empty entries (its LABEL and CMD), which a build copies into the app.
    private final List<JsonNode> oldHistory = List.of(run("COPY busybox"), empty("ENV A=1"), run("RUN install"), empty("LABEL v=1"), empty("CMD sh"));
    private final RebaseImage oldBase = image("base:1", MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LAYER, "linux", "amd64", oldHistory, "a", "b");
    private final List<JsonNode> newHistory = List.of(run("COPY busybox v2"), run("RUN install v2"), run("RUN patch"), empty("CMD sh"));
    private final RebaseImage newBase = image("base:2", MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LAYER, "linux", "amd64", newHistory, "a2", "b2", "c2");
    private final List<JsonNode> ownHistory = List.of(empty("WORKDIR /app"), run("COPY hello /app/hello"), empty("CMD hello"));
    private final RebaseImage app = image("app:1", MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LAYER, "linux", "amd64",
            concat(oldHistory, ownHistory), "a", "b", "x");

    @Test
    void theConfigGetsTheNewBasesDiffIdsAndHistoryFollowedByTheImagesOwn() throws IOException {
        JsonNode config = read(RebaseSplice.config(app, oldBase, newBase, NEW_NAME, NOW));

        assertThat(strings(config.path("rootfs").path("diff_ids"))).containsExactly(diffId("a2"), diffId("b2"), diffId("c2"), diffId("x"));
        List<JsonNode> history = new ArrayList<>();
        config.path("history").forEach(history::add);
        List<String> createdBy = history.stream().map(h -> h.path("created_by").asText()).toList();
        assertThat(createdBy.subList(0, 7)).containsExactly("COPY busybox v2", "RUN install v2", "RUN patch", "CMD sh",
                "WORKDIR /app", "COPY hello /app/hello", "CMD hello");
        // The last entry records the rebase; it made no layer, so history still matches the layers.
        assertThat(history).hasSize(8);
        assertThat(createdBy.get(7)).startsWith("wolfpack rebase onto " + NEW_NAME + "@" + newBase.manifest().digest())
                .contains("was base:1@" + oldBase.manifest().digest());
        assertThat(history.get(7).path("empty_layer").asBoolean()).isTrue();
        assertThat(RebaseImage.nonEmpty(history)).isEqualTo(4);
    }

    @Test
    void theConfigsLabelsNameTheNewBaseAndEverythingElseIsKept() throws IOException {
        JsonNode config = read(RebaseSplice.config(app, oldBase, newBase, NEW_NAME, NOW));

        assertThat(config.path("created").asText()).isEqualTo("2025-06-01T12:00:00Z");
        JsonNode labels = config.path("config").path("Labels");
        assertThat(labels.path(RebaseSplice.BASE_NAME_LABEL).asText()).isEqualTo(NEW_NAME);
        assertThat(labels.path(RebaseSplice.BASE_DIGEST_LABEL).asText()).isEqualTo(newBase.manifest().digest());
        assertThat(labels.path("keep").asText()).isEqualTo("me");
        assertThat(config.path("config").path("Env").get(0).asText()).isEqualTo("PATH=/bin");
        assertThat(config.path("architecture").asText()).isEqualTo("amd64");
        // the input is not changed
        assertThat(app.config().path("created").asText()).isEqualTo("2024-01-01T00:00:00Z");
    }

    @Test
    void aConfigWithNullLabelsGetsTheBaseLabels() throws IOException {
        ((ObjectNode) app.config().path("config")).putNull("Labels");
        JsonNode config = read(RebaseSplice.config(app, oldBase, newBase, NEW_NAME, NOW));
        assertThat(config.path("config").path("Labels").path(RebaseSplice.BASE_DIGEST_LABEL).asText()).isEqualTo(newBase.manifest().digest());
    }

    @Test
    void whenTheImagesHistoryDoesNotRepeatTheOldBasesItIsCutAfterTheOldBasesLastLayer() {
        List<JsonNode> rewritten = List.of(run("COPY busybox (squashed)"), run("RUN install"), empty("LABEL v=1"), run("COPY hello"));
        assertThat(RebaseSplice.ownHistoryStart(rewritten, oldHistory, 2)).isEqualTo(2);
        assertThat(RebaseSplice.ownHistoryStart(concat(oldHistory, ownHistory), oldHistory, 2)).isEqualTo(5);
        assertThat(RebaseSplice.ownHistoryStart(ownHistory, List.of(), 0)).isZero();
    }

    @Test
    void theManifestGetsTheNewBasesLayersFollowedByTheImagesOwnAndTheNewConfig() {
        Descriptor config = new Descriptor(MediaTypes.DOCKER_CONFIG, TestImages.digest("new config"), 777);
        Manifest m = Manifest.parse(RebaseSplice.manifest(app, oldBase, newBase, config, NEW_NAME), null, null);

        assertThat(m.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(m.config()).isEqualTo(config);
        assertThat(m.layerDigests()).containsExactly(layer("a2"), layer("b2"), layer("c2"), layer("x"));
        assertThat(m.layers().get(0)).isEqualTo(newBase.manifest().layers().get(0));
        assertThat(m.layers().get(3)).isEqualTo(app.manifest().layers().get(2));
    }

    @Test
    void anOciImageOnADockerBaseGetsOciLayerTypesAndItsBaseAnnotationsUpdated() {
        RebaseImage ociApp = image("app:1", MediaTypes.OCI_MANIFEST, MediaTypes.OCI_LAYER, "linux", "amd64",
                concat(oldHistory, ownHistory), "a", "b", "x");
        ObjectNode tree = (ObjectNode) ociApp.manifest().tree();
        tree.putObject("annotations").put(RebaseSplice.BASE_NAME_LABEL, "base:1").put(RebaseSplice.BASE_DIGEST_LABEL, "old").put("other", "kept");
        RebaseImage annotated = new RebaseImage("app:1", Manifest.parse(tree.toString().getBytes(StandardCharsets.UTF_8), null, null), ociApp.config());

        Descriptor config = new Descriptor(MediaTypes.OCI_CONFIG, TestImages.digest("new config"), 777);
        Manifest m = Manifest.parse(RebaseSplice.manifest(annotated, oldBase, newBase, config, NEW_NAME), null, null);

        assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(m.layers()).extracting(Descriptor::mediaType).containsOnly(MediaTypes.OCI_LAYER);
        assertThat(m.layerDigests()).containsExactly(layer("a2"), layer("b2"), layer("c2"), layer("x"));
        JsonNode annotations = m.tree().path("annotations");
        assertThat(annotations.path(RebaseSplice.BASE_NAME_LABEL).asText()).isEqualTo(NEW_NAME);
        assertThat(annotations.path(RebaseSplice.BASE_DIGEST_LABEL).asText()).isEqualTo(newBase.manifest().digest());
        assertThat(annotations.path("other").asText()).isEqualTo("kept");
    }

    private static JsonNode read(byte[] bytes) throws IOException {
        return Manifest.MAPPER.readTree(bytes);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
        List<JsonNode> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
