package io.wolfpack.images.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A git repository of Dockerfiles, read with JGit. A local path is opened in place; a URL
 * ({@code file://}, {@code http://}, {@code https://}) is cloned (bare) into {@code workDir/repo.git}
 * and fetched again by {@link #refresh()}. Everything is read at a commit, never from a working
 * tree, so what is built and recorded is what was committed. Build contexts are exported per commit
 * under {@code workDir/trees/COMMIT}.
 */
public final class DockerfileRepository implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    private static final Set<String> SCHEMES = Set.of("file", "http", "https");

    private final String source;
    private final boolean clone;
    private final Git git;
    private final Path trees;

    private DockerfileRepository(String source, boolean clone, Git git, Path workDir) {
        this.source = source;
        this.clone = clone;
        this.git = git;
        this.trees = workDir.resolve("trees");
    }

    /** Opens a local repository in place, or clones a URL into {@code workDir} (reusing an earlier clone there). */
    public static DockerfileRepository open(String pathOrUrl, Path workDir) {
        if (pathOrUrl == null || pathOrUrl.isBlank()) {
            throw new RepositoryException("repository must be a local path or a file://, http:// or https:// URL");
        }
        if (workDir == null) throw new RepositoryException("a work directory is needed for " + pathOrUrl);
        return URL.matcher(pathOrUrl).matches() ? cloneOrReuse(pathOrUrl, workDir) : openLocal(pathOrUrl, workDir);
    }

    private static DockerfileRepository openLocal(String path, Path workDir) {
        Path dir = Path.of(path).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) throw new RepositoryException("repository " + dir + " does not exist or is not a directory");
        try {
            return new DockerfileRepository(dir.toString(), false, Git.open(dir.toFile()), workDir);
        } catch (RepositoryNotFoundException e) {
            throw new RepositoryException(dir + " is not a git repository (no .git there); run git init and commit, or give a URL");
        } catch (IOException e) {
            throw new RepositoryException("cannot open git repository " + dir + ": " + e.getMessage(), e);
        }
    }

    private static DockerfileRepository cloneOrReuse(String url, Path workDir) {
        String scheme = url.substring(0, url.indexOf(':')).toLowerCase();
        if (!SCHEMES.contains(scheme)) {
            throw new RepositoryException("repository URL " + url + " has scheme '" + scheme + "'; allowed: file, http, https");
        }
        Path target = workDir.resolve("repo.git");
        try {
            if (Files.exists(target)) {
                Git git = Git.open(target.toFile());
                String origin = git.getRepository().getConfig().getString("remote", "origin", "url");
                if (!url.equals(origin)) {
                    git.close();
                    throw new RepositoryException(target + " holds a clone of " + origin + ", not of " + url
                            + "; use another work directory");
                }
                DockerfileRepository repo = new DockerfileRepository(url, true, git, workDir);
                repo.refresh();
                return repo;
            }
            Files.createDirectories(workDir);
            Git git = Git.cloneRepository().setURI(url).setDirectory(target.toFile()).setBare(true).call();
            return new DockerfileRepository(url, true, git, workDir);
        } catch (GitAPIException e) {
            throw new RepositoryException("cloning " + url + " into " + target + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RepositoryException("cannot open the clone of " + url + " in " + target + ": " + e.getMessage(), e);
        }
    }

    /** The path or URL the repository was opened from. */
    public String source() {
        return source;
    }

    /** True when this is a clone of a URL (which {@link #refresh()} fetches), false for a local repository opened in place. */
    public boolean isClone() {
        return clone;
    }

    /** The commit HEAD points at, as 40 hex digits. */
    public String head() {
        return resolve("HEAD").getName();
    }

    /** A clone fetches every branch from its URL; a local repository is always read as it is, so nothing happens. */
    public synchronized void refresh() {
        if (!clone) return;
        try {
            // A bare clone has no checked-out branch, so its branches can simply follow the remote's.
            git.fetch().setRemote("origin").setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*")).call();
        } catch (GitAPIException e) {
            throw new RepositoryException("fetching " + source + " failed: " + e.getMessage(), e);
        }
    }

    /** The images at HEAD, sorted by name; their contexts are exported from the commit. */
    public List<ImageSource> images() {
        return images("HEAD");
    }

    /** The images at {@code commit} (any revision git understands), sorted by name. */
    public List<ImageSource> images(String commit) {
        RevCommit c = resolve(commit);
        List<Found> found = scan(c);
        Path tree;
        try {
            tree = TreeExport.export(git.getRepository(), c, trees);
        } catch (IOException e) {
            throw new RepositoryException("exporting commit " + c.getName() + " of " + source + " to " + trees + " failed: " + e.getMessage(), e);
        }
        List<ImageSource> out = new ArrayList<>(found.size());
        for (Found f : found) {
            Path context = f.dir().isEmpty() ? tree : tree.resolve(f.dir());
            out.add(new ImageSource(f.identity().name(), f.identity().tag(), f.dir(),
                    ImageConvention.pathIn(f.dir(), ImageConvention.DOCKERFILE), f.dockerfile(), context));
        }
        return List.copyOf(out);
    }

    /**
     * Names (sorted) of the images at HEAD whose directory holds a change between {@code oldCommit}
     * and HEAD: an edited, added or removed file anywhere under it, image.yaml included. An image
     * that is new since {@code oldCommit} counts as changed.
     */
    public SortedSet<String> changedSince(String oldCommit) {
        RevCommit old = resolve(oldCommit);
        RevCommit head = resolve("HEAD");
        List<String> paths = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(git.getRepository())) {
            walk.addTree(old.getTree());
            walk.addTree(head.getTree());
            walk.setRecursive(true);
            walk.setFilter(TreeFilter.ANY_DIFF);
            while (walk.next()) paths.add(walk.getPathString());
        } catch (IOException e) {
            throw new RepositoryException("comparing " + old.getName() + " with " + head.getName() + " in " + source + " failed: " + e.getMessage(), e);
        }
        SortedSet<String> changed = new TreeSet<>();
        for (Found f : scan(head)) {
            String prefix = f.dir().isEmpty() ? "" : f.dir() + "/";
            if (paths.stream().anyMatch(p -> p.startsWith(prefix))) changed.add(f.identity().name());
        }
        return Collections.unmodifiableSortedSet(changed);
    }

    @Override
    public void close() {
        git.close();
    }

    private record Found(String dir, ImageConvention.Identity identity, String dockerfile) {
    }

    /** Finds every image directory of a commit and reads its Dockerfile and image.yaml from the commit. */
    private List<Found> scan(RevCommit commit) {
        Map<String, ObjectId> dockerfiles = new TreeMap<>();
        Map<String, ObjectId> imageFiles = new HashMap<>();
        Repository repo = git.getRepository();
        try (ObjectReader reader = repo.newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                FileMode mode = walk.getFileMode(0);
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) continue;
                String path = walk.getPathString();
                String file = path.substring(path.lastIndexOf('/') + 1);
                if (file.equals(ImageConvention.DOCKERFILE)) dockerfiles.put(ImageConvention.dirOf(path), walk.getObjectId(0));
                if (file.equals(ImageConvention.IMAGE_FILE)) imageFiles.put(ImageConvention.dirOf(path), walk.getObjectId(0));
            }
            List<Found> found = new ArrayList<>();
            Map<String, String> dirByName = new HashMap<>();
            for (var e : dockerfiles.entrySet()) {
                String dir = e.getKey();
                ObjectId yaml = imageFiles.get(dir);
                ImageConvention.Identity id;
                try {
                    id = ImageConvention.identify(dir, yaml == null ? null : text(reader, yaml));
                } catch (RepositoryException bad) {
                    throw new RepositoryException(source + " at " + commit.getName() + ": " + bad.getMessage());
                }
                String other = dirByName.putIfAbsent(id.name(), dir);
                if (other != null) {
                    throw new RepositoryException(source + " at " + commit.getName() + ": image name '" + id.name()
                            + "' is used by both '" + shown(other) + "' and '" + shown(dir) + "'; set distinct names in "
                            + ImageConvention.IMAGE_FILE);
                }
                found.add(new Found(dir, id, text(reader, e.getValue())));
            }
            found.sort(Comparator.comparing(f -> f.identity().name()));
            return found;
        } catch (IOException e) {
            throw new RepositoryException("reading commit " + commit.getName() + " of " + source + " failed: " + e.getMessage(), e);
        }
    }

    private static String shown(String dir) {
        return dir.isEmpty() ? "/" : dir;
    }

    private static String text(ObjectReader reader, ObjectId blob) throws IOException {
        return new String(reader.open(blob).getBytes(), StandardCharsets.UTF_8);
    }

    private RevCommit resolve(String revision) {
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            ObjectId id = git.getRepository().resolve(revision + "^{commit}");
            if (id == null) {
                throw new RepositoryException(revision.equals("HEAD") ? source + " has no commits yet"
                        : "commit '" + revision + "' is not in " + source);
            }
            return walk.parseCommit(id);
        } catch (RevisionSyntaxException | IOException e) {
            throw new RepositoryException("commit '" + revision + "' is not in " + source + ": " + e.getMessage(), e);
        }
    }
}
