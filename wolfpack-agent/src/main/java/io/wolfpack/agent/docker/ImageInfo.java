package io.wolfpack.agent.docker;

import java.util.Map;

/** A local image: its id and the labels it was built with. */
public record ImageInfo(String id, Map<String, String> labels) {
    public ImageInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
