package io.wolfpack.images.git;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes the tree of one commit to a directory, so a build reads exactly what was committed and not
 * the working tree. Each commit is exported once, into {@code root/COMMIT}; the export is written
 * beside it and moved into place whole, so a half-written export is never used.
 */
final class TreeExport {
    private TreeExport() {
    }

    static Path export(Repository repo, RevCommit commit, Path root) throws IOException {
        Path target = root.resolve(commit.getName());
        if (Files.isDirectory(target)) return target;
        Files.createDirectories(root);
        Path tmp = root.resolve(".tmp-" + commit.getName() + "-" + UUID.randomUUID());
        Files.createDirectories(tmp);
        try {
            write(repo, commit, tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                if (!Files.isDirectory(target)) throw e;  // another export of the same commit won the race
            } catch (IOException e) {
                if (!Files.isDirectory(target)) throw e;  // some file systems say "not empty" for the same race
            }
        } finally {
            deleteTree(tmp);
        }
        return target;
    }

    private static void write(Repository repo, RevCommit commit, Path dir) throws IOException {
        try (ObjectReader reader = repo.newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                FileMode mode = walk.getFileMode(0);
                Path file = dir.resolve(walk.getPathString()).normalize();
                if (!file.startsWith(dir)) throw new IOException("path '" + walk.getPathString() + "' leaves the repository");
                if (mode == FileMode.GITLINK) continue;  // submodules are not part of this repository's tree
                Files.createDirectories(file.getParent());
                if (mode == FileMode.SYMLINK) {
                    byte[] target = reader.open(walk.getObjectId(0)).getBytes();
                    Files.createSymbolicLink(file, Path.of(new String(target, StandardCharsets.UTF_8)));
                    continue;
                }
                try (OutputStream out = Files.newOutputStream(file)) {
                    reader.open(walk.getObjectId(0)).copyTo(out);  // streamed: large files are fine
                }
                // Modes as git records them, whatever the umask: COPY keeps them in the image.
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
                        mode == FileMode.EXECUTABLE_FILE ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
