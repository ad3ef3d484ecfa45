package io.wolfpack.agent.docker;

/**
 * An image reference split the way the pull API wants it: "registry.local:5000/web:1.4" is
 * repository "registry.local:5000/web" and tag "1.4"; no tag means "latest"; a digest stays whole.
 */
record ImageRef(String repository, String tag) {

    static ImageRef parse(String ref) {
        if (ref == null || ref.isBlank()) throw new IllegalArgumentException("image reference is empty");
        int at = ref.indexOf('@');
        if (at >= 0) return new ImageRef(ref.substring(0, at), ref.substring(at + 1));
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        // a colon before the last slash belongs to a registry port, not a tag
        if (colon > slash) return new ImageRef(ref.substring(0, colon), ref.substring(colon + 1));
        return new ImageRef(ref, "latest");
    }
}
