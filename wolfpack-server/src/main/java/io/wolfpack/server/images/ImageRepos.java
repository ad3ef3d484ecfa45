package io.wolfpack.server.images;

import io.wolfpack.core.image.DockerfileParser;
import io.wolfpack.core.image.ImageRepo;
import io.wolfpack.core.image.LineageBuilder;
import io.wolfpack.core.image.ParsedDockerfile;
import io.wolfpack.images.git.DockerfileRepository;
import io.wolfpack.images.git.ImageSource;
import io.wolfpack.store.ImageStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registered repositories of Dockerfiles, opened (or cloned) once and kept; what their
 * images are at each one's head commit.
 */
final class ImageRepos {
    /** One image of one repository at its head commit, with its Dockerfile parsed (or why it could not be). */
    record Entry(String repo, String commit, ImageSource source, ParsedDockerfile dockerfile, String error) {
        LineageBuilder.Definition definition() {
            return new LineageBuilder.Definition(source.name(), source.tag(), dockerfile);
        }
    }

    private final ImageStore store;
    private final Path workDir;
    private final Map<String, DockerfileRepository> open = new ConcurrentHashMap<>();

    ImageRepos(ImageStore store, Path workDir) {
        this.store = store;
        this.workDir = workDir;
    }

    List<ImageRepo> list() {
        return store.repos();
    }

    /** The repository, opened (a URL is cloned into the work directory on first use). */
    synchronized DockerfileRepository repository(ImageRepo repo) {
        DockerfileRepository r = open.get(repo.name());
        if (r == null) {
            r = DockerfileRepository.open(repo.source(), workDir.resolve("repos").resolve(repo.name()));
            open.put(repo.name(), r);
        }
        return r;
    }

    /** Every image of every repository at its head; a Dockerfile that does not parse is kept with its error. */
    List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (ImageRepo repo : list()) {
            DockerfileRepository r = repository(repo);
            String head = r.head();
            for (ImageSource s : r.images()) {
                try {
                    out.add(new Entry(repo.name(), head, s, DockerfileParser.parse(s.dockerfileText()), null));
                } catch (RuntimeException e) {
                    out.add(new Entry(repo.name(), head, s, null, s.dockerfilePath() + ": " + e.getMessage()));
                }
            }
        }
        return out;
    }

    /** Looks at new commits (fetches a cloned URL). */
    void refresh(ImageRepo repo) {
        repository(repo).refresh();
    }

    void forget(String name) {
        DockerfileRepository r = open.remove(name);
        if (r != null) r.close();
    }
}
