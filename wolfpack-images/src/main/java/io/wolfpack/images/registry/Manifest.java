package io.wolfpack.images.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A single-platform image manifest (Docker schema2 or OCI) as stored in the registry: its media
 * type, config and layer descriptors, and the exact bytes with their digest (the bytes are what
 * the digest is over, so they are kept rather than re-serialised).
 */
public record Manifest(String mediaType, Descriptor config, List<Descriptor> layers, byte[] raw, String digest) {
    static final ObjectMapper MAPPER = new ObjectMapper();

    public Manifest {
        layers = List.copyOf(layers);
        raw = raw.clone();
        Descriptor.requireDigest("manifest digest", digest);
    }

    /**
     * Parses manifest bytes. {@code contentType} is the registry's Content-Type (used when the
     * document carries no mediaType field, which OCI allows); {@code digest} is the registry's
     * Docker-Content-Digest or null to compute it. Throws {@link UnsupportedManifestException}
     * for an index and IllegalArgumentException naming the field for anything malformed.
     */
    public static Manifest parse(byte[] raw, String contentType, String digest) {
        JsonNode root;
        try {
            root = MAPPER.readTree(raw);
        } catch (IOException e) {
            throw new IllegalArgumentException("manifest is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException("manifest must be a JSON object");
        String mediaType = root.path("mediaType").asText(null);
        if (mediaType == null) mediaType = contentType == null ? null : contentType.split(";")[0].trim();
        if (mediaType == null && root.has("manifests")) mediaType = MediaTypes.OCI_INDEX;
        if (MediaTypes.isIndex(mediaType)) {
            throw new UnsupportedManifestException("is a multi-platform index (" + mediaType + ") of "
                    + root.path("manifests").size() + " manifests; only single-platform manifests ("
                    + String.join(", ", MediaTypes.MANIFESTS) + ") are supported");
        }
        if (!MediaTypes.MANIFESTS.contains(mediaType)) {
            throw new UnsupportedManifestException("has media type " + mediaType + "; supported: " + String.join(", ", MediaTypes.MANIFESTS));
        }
        if (root.path("schemaVersion").asInt() != 2) {
            throw new IllegalArgumentException("manifest schemaVersion is " + root.path("schemaVersion") + "; must be 2");
        }
        Descriptor config = descriptor(root.path("config"), "config");
        JsonNode layerNodes = root.path("layers");
        if (!layerNodes.isArray()) throw new IllegalArgumentException("manifest field 'layers' must be an array");
        List<Descriptor> layers = new ArrayList<>();
        for (int i = 0; i < layerNodes.size(); i++) layers.add(descriptor(layerNodes.get(i), "layers[" + i + "]"));
        return new Manifest(mediaType, config, layers, raw, digest == null ? sha256(raw) : digest);
    }

    private static Descriptor descriptor(JsonNode node, String field) {
        if (!node.isObject()) throw new IllegalArgumentException("manifest field '" + field + "' must be a descriptor object");
        try {
            return new Descriptor(node.path("mediaType").asText(null), node.path("digest").asText(null), node.path("size").asLong(-1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("manifest field '" + field + "': " + e.getMessage(), e);
        }
    }

    /** The raw bytes as a JSON tree (a fresh copy each call). */
    public JsonNode tree() {
        try {
            return MAPPER.readTree(raw);
        } catch (IOException e) {
            throw new IllegalStateException("manifest " + digest + " was parsed once and must parse again", e);
        }
    }

    public List<String> layerDigests() {
        return layers.stream().map(Descriptor::digest).toList();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /** "sha256:" and the hex SHA-256 of {@code bytes}: the digest of a blob or manifest. */
    public static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Manifest m && m.digest.equals(digest) && m.mediaType.equals(mediaType);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return "Manifest[" + mediaType + " " + digest + ", " + layers.size() + " layers]";
    }
}
