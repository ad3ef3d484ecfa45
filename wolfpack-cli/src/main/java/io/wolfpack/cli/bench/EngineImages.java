package io.wolfpack.cli.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;

import com.github.dockerjava.api.model.Image;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The images the benchmark made in the Docker engine, by tag and by the image id each tag pointed
 * at when it was made: a rebuild moves the tag, and the image it leaves untagged is ours to remove
 * too. So are the untagged images the classic builder keeps on top of ours (the build stage of a
 * multi-stage Dockerfile stays as a chain of intermediate images on its base). Removal goes
 * children first, so no image is refused for having dependents.
 */
final class EngineImages {
    private static final int PASSES = 5;
    private final DockerClient docker;
    private final List<String> ids = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();

    EngineImages(DockerClient docker) {
        this.docker = docker;
    }

    /** Notes the image {@code tag} points at now. */
    void made(String tag) {
        String id = docker.inspectImageCmd(tag).exec().getId();
        synchronized (this) {
            tags.add(tag);
            ids.add(id);
        }
    }

    /**
     * Removes every image noted, through {@code client} (a fresh one when the benchmark's own was
     * closed to stop builds in flight). A build that was stopping may still add an image on top of
     * ours meanwhile, so a pass that leaves something is repeated a few times, 2 s apart.
     * Returns how many images were removed and the failures of the last pass, one line each.
     */
    synchronized Removal removeAll(DockerClient client) throws InterruptedException {
        int removed = 0;
        List<String> failures = List.of();
        for (int pass = 0; pass < PASSES; pass++) {
            if (pass > 0) TimeUnit.SECONDS.sleep(2);
            failures = new ArrayList<>();
            removed += removePass(client, failures);
            if (failures.isEmpty()) break;
        }
        ids.clear();
        tags.clear();
        return new Removal(removed, failures);
    }

    private int removePass(DockerClient client, List<String> failures) {
        int removed = 0;
        Map<String, List<String>> children = children(client);
        Set<String> visited = new HashSet<>();
        for (int i = ids.size() - 1; i >= 0; i--) {
            for (String id : childrenFirst(ids.get(i), children, visited)) {
                try {
                    client.removeImageCmd(id).withForce(true).exec();
                    removed++;
                } catch (NotFoundException gone) {
                    // pruned with a child already removed, or by an earlier pass
                } catch (RuntimeException e) {
                    failures.add(id + (id.equals(ids.get(i)) ? " (" + tags.get(i) + ")" : " (on top of " + tags.get(i) + ")")
                            + ": " + e.getMessage().strip());
                }
            }
        }
        for (String tag : tags) {
            try {
                client.removeImageCmd(tag).exec();
            } catch (NotFoundException gone) {
                // removed with its image above
            } catch (RuntimeException e) {
                failures.add(tag + ": " + e.getMessage().strip());
            }
        }
        return removed;
    }

    /** Every image of the engine, intermediate ones included, by parent id. */
    private static Map<String, List<String>> children(DockerClient client) {
        Map<String, List<String>> out = new HashMap<>();
        for (Image image : client.listImagesCmd().withShowAll(true).exec()) {
            String parent = image.getParentId();
            if (parent != null && !parent.isEmpty()) out.computeIfAbsent(parent, k -> new ArrayList<>()).add(image.getId());
        }
        return out;
    }

    /** {@code id} and every image built on it, each after all its children; ids already visited are skipped. */
    private static List<String> childrenFirst(String id, Map<String, List<String>> children, Set<String> visited) {
        List<String> order = new ArrayList<>();
        if (visited.add(id)) addChildrenFirst(id, children, visited, order);
        return order;
    }

    private static void addChildrenFirst(String id, Map<String, List<String>> children, Set<String> visited, List<String> order) {
        for (String child : children.getOrDefault(id, List.of())) {
            if (visited.add(child)) addChildrenFirst(child, children, visited, order);
        }
        order.add(id);
    }

    record Removal(int removed, List<String> failures) {
    }
}
