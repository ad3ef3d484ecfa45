package io.wolfpack.images.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/**
 * Builds the rebased image's config and manifest from the image, its old base and the new base:
 * the new base's layers (diff_ids, history) followed by the image's own. Pure; call only after
 * {@link RebasePolicy} said safe. Everything else in the image's documents is kept as it was.
 */
public final class RebaseSplice {
    public static final String BASE_NAME_LABEL = "org.opencontainers.image.base.name";
    public static final String BASE_DIGEST_LABEL = "org.opencontainers.image.base.digest";

    private RebaseSplice() {
    }

    /**
     * The new config: rootfs.diff_ids and history spliced, labels (and created) updated, and one
     * empty_layer history entry recording the rebase so that {@code docker history} shows it.
     *
     * @param newBaseName the new base's reference for the base.name label, e.g. "127.0.0.1:5000/base:2"
     */
    public static byte[] config(RebaseImage image, RebaseImage oldBase, RebaseImage newBase, String newBaseName, Instant created) {
        int n = oldBase.manifest().layers().size();
        ObjectNode config = (ObjectNode) image.config().deepCopy();
        config.put("created", created.toString());

        ArrayNode diffIds = config.withObject("/rootfs").putArray("diff_ids");
        newBase.diffIds().forEach(diffIds::add);
        List<String> own = image.diffIds();
        own.subList(n, own.size()).forEach(diffIds::add);

        List<JsonNode> history = image.history();
        if (!history.isEmpty()) {
            ArrayNode spliced = config.putArray("history");
            newBase.history().forEach(spliced::add);
            history.subList(ownHistoryStart(history, oldBase.history(), n), history.size()).forEach(spliced::add);
            spliced.addObject().put("created", created.toString())
                    .put("created_by", "wolfpack rebase onto " + newBaseName + "@" + newBase.manifest().digest()
                            + " (was " + oldBase.name() + "@" + oldBase.manifest().digest() + ")")
                    .put("empty_layer", true);
        }

        ObjectNode inner = config.withObject("/config");
        JsonNode labels = inner.path("Labels");
        ObjectNode newLabels = labels.isObject() ? (ObjectNode) labels : inner.putObject("Labels");
        newLabels.put(BASE_NAME_LABEL, newBaseName);
        newLabels.put(BASE_DIGEST_LABEL, newBase.manifest().digest());
        return write(config);
    }

    /**
     * The new manifest: the image's, with the new config descriptor and the new base's layer
     * descriptors (media types converted to the image's manifest format) before the image's own.
     * OCI base annotations, when the manifest carries them, are updated like the labels.
     */
    public static byte[] manifest(RebaseImage image, RebaseImage oldBase, RebaseImage newBase, Descriptor newConfig, String newBaseName) {
        int n = oldBase.manifest().layers().size();
        ObjectNode manifest = (ObjectNode) image.manifest().tree();
        String type = image.manifest().mediaType();

        ObjectNode config = (ObjectNode) manifest.get("config");
        config.put("mediaType", newConfig.mediaType()).put("digest", newConfig.digest()).put("size", newConfig.size());

        JsonNode ownLayers = manifest.get("layers");
        ArrayNode layers = manifest.putArray("layers");
        for (JsonNode layer : newBase.manifest().tree().get("layers")) {
            ObjectNode copy = (ObjectNode) layer.deepCopy();
            String layerType = copy.path("mediaType").asText();
            copy.put("mediaType", MediaTypes.layerTypeFor(type, layerType).orElseThrow(() -> new IllegalArgumentException(
                    "layer media type " + layerType + " cannot go into a " + type + " manifest; RebasePolicy should have said so")));
            layers.add(copy);
        }
        for (int i = n; i < ownLayers.size(); i++) layers.add(ownLayers.get(i));

        JsonNode annotations = manifest.path("annotations");
        if (annotations.isObject()) {
            ObjectNode a = (ObjectNode) annotations;
            if (a.has(BASE_NAME_LABEL)) a.put(BASE_NAME_LABEL, newBaseName);
            if (a.has(BASE_DIGEST_LABEL)) a.put(BASE_DIGEST_LABEL, newBase.manifest().digest());
        }
        return write(manifest);
    }

    /**
     * Where the image's own history begins. Normally the image's history starts with the old
     * base's entries verbatim (that is what a build copies), empty_layer ones included, so they are
     * cut off whole. Otherwise the cut falls right after the entry that made the old base's last
     * layer: empty entries after it are counted as the image's own.
     */
    static int ownHistoryStart(List<JsonNode> imageHistory, List<JsonNode> oldBaseHistory, int oldBaseLayers) {
        if (!oldBaseHistory.isEmpty() && imageHistory.size() >= oldBaseHistory.size()
                && imageHistory.subList(0, oldBaseHistory.size()).equals(oldBaseHistory)
                && RebaseImage.nonEmpty(oldBaseHistory) == oldBaseLayers) {
            return oldBaseHistory.size();
        }
        int made = 0;
        for (int i = 0; i < imageHistory.size() && made < oldBaseLayers; i++) {
            if (!imageHistory.get(i).path("empty_layer").asBoolean(false) && ++made == oldBaseLayers) return i + 1;
        }
        return oldBaseLayers == 0 ? 0 : imageHistory.size();
    }

    private static byte[] write(JsonNode tree) {
        try {
            return Manifest.MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree must serialise", e);
        }
    }
}
