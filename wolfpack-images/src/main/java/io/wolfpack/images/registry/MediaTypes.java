package io.wolfpack.images.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The manifest and layer media types rebase understands, and how layer types map between Docker and OCI. */
public final class MediaTypes {
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";

    /** Single-platform manifests: what {@link RegistryClient#manifest} returns. */
    public static final List<String> MANIFESTS = List.of(DOCKER_MANIFEST, OCI_MANIFEST);
    /** Multi-platform indexes: recognised only to refuse them clearly. */
    public static final List<String> INDEXES = List.of(DOCKER_MANIFEST_LIST, OCI_INDEX);

    // Docker schema2 knows only gzip layers; OCI knows gzip and plain tar (and more we do not convert).
    private static final Map<String, String> DOCKER_TO_OCI = Map.of(DOCKER_LAYER, OCI_LAYER);
    private static final Map<String, String> OCI_TO_DOCKER = Map.of(OCI_LAYER, DOCKER_LAYER);

    private MediaTypes() {
    }

    public static boolean isIndex(String mediaType) {
        return INDEXES.contains(mediaType);
    }

    /**
     * The media type a layer of type {@code layerType} takes inside a manifest of type
     * {@code manifestType}, or empty when that manifest format cannot hold it.
     */
    public static Optional<String> layerTypeFor(String manifestType, String layerType) {
        boolean layerIsOci = layerType.startsWith("application/vnd.oci.");
        if (OCI_MANIFEST.equals(manifestType)) {
            return layerIsOci ? Optional.of(layerType) : Optional.ofNullable(DOCKER_TO_OCI.get(layerType));
        }
        if (DOCKER_MANIFEST.equals(manifestType)) {
            return layerIsOci ? Optional.ofNullable(OCI_TO_DOCKER.get(layerType)) : Optional.of(layerType);
        }
        return Optional.empty();
    }
}
