package io.wolfpack.core.api;

import io.wolfpack.core.image.ImageRepo;

import java.util.List;

/** A registered repository of Dockerfiles: where it is, its head commit and the images in it. */
public record ImageRepoView(ImageRepo repo, String head, List<String> images, String error) {
    public ImageRepoView {
        images = images == null ? List.of() : List.copyOf(images);
    }
}
