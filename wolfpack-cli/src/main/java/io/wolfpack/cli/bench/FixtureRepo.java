package io.wolfpack.cli.bench;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** A git repository in a directory, written and committed with JGit: where the benchmark's Dockerfiles live. */
final class FixtureRepo implements AutoCloseable {
    private static final PersonIdent WHO = new PersonIdent("Wolfpack Benchmark", "bench@wolfpack.invalid");
    private final Path dir;
    private final Git git;

    private FixtureRepo(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    static FixtureRepo init(Path dir) throws GitAPIException {
        return new FixtureRepo(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
    }

    Path dir() {
        return dir;
    }

    FixtureRepo write(Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
        }
        return this;
    }

    /** Copies an executable in; git records it as such (mode 100755), so the build context keeps the mode. */
    FixtureRepo copyExecutable(Path from, String path) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.copy(from, file, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return this;
    }

    /** Stages everything and commits; returns the commit id. */
    String commit(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor(WHO).setCommitter(WHO).setSign(false).call().getName();
    }

    @Override
    public void close() {
        git.close();
    }
}
