package io.wolfpack.images.git;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerfileRepositoryTest {
    @TempDir
    Path tmp;
    private TestRepo origin;

    @BeforeEach
    void setUp() throws Exception {
        origin = TestRepo.init(tmp.resolve("origin"))
                .write("README.md", "images\n")
                .write("base/Dockerfile", "FROM scratch\nCOPY hello /hello\n")
                .write("base/hello", "hello v1\n")
                .write("base/image.yaml", "# the base of everything\nname: base\ntag: \"1.0\"\n")
                .write("apps/web/Dockerfile", "FROM base:1.0\nCOPY run.sh /run.sh\n")
                .write("apps/web/run.sh", "#!/bin/sh\necho web\n");
        Files.setPosixFilePermissions(origin.dir().resolve("apps/web/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        origin.commit("first");
    }

    @AfterEach
    void tearDown() {
        origin.close();
    }

    @Test
    void everyDirectoryWithADockerfileIsAnImageNamedByConventionOrImageYaml() throws Exception {
        try (DockerfileRepository repo = DockerfileRepository.open(origin.dir().toString(), tmp.resolve("work"))) {
            assertThat(repo.isClone()).isFalse();
            assertThat(repo.source()).isEqualTo(origin.dir().toAbsolutePath().toString());
            var images = repo.images();
            assertThat(images).extracting(ImageSource::name).containsExactly("apps/web", "base");
            ImageSource web = images.get(0);
            assertThat(web.tag()).isEqualTo("latest");
            assertThat(web.dir()).isEqualTo("apps/web");
            assertThat(web.dockerfilePath()).isEqualTo("apps/web/Dockerfile");
            assertThat(web.dockerfileText()).isEqualTo("FROM base:1.0\nCOPY run.sh /run.sh\n");
            assertThat(web.contextDir()).startsWith(tmp.resolve("work").resolve("trees").resolve(repo.head()));
            assertThat(Files.readString(web.contextDir().resolve("run.sh"))).isEqualTo("#!/bin/sh\necho web\n");
            assertThat(Files.isExecutable(web.contextDir().resolve("run.sh"))).isTrue();
            ImageSource base = images.get(1);
            assertThat(base.tag()).isEqualTo("1.0");
            assertThat(Files.readString(base.contextDir().resolve("hello"))).isEqualTo("hello v1\n");
            assertThat(Files.isExecutable(base.contextDir().resolve("hello"))).isFalse();
        }
    }

    @Test
    void filesAreReadAtTheCommitNotFromTheWorkingTree() throws Exception {
        String first;
        try (DockerfileRepository repo = DockerfileRepository.open(origin.dir().toString(), tmp.resolve("work"))) {
            first = repo.head();
            origin.write("base/Dockerfile", "FROM scratch\nCOPY hello /hello\nCOPY extra /extra\n").write("base/hello", "uncommitted\n");
            ImageSource base = repo.images().get(1);
            assertThat(base.dockerfileText()).isEqualTo("FROM scratch\nCOPY hello /hello\n");
            assertThat(Files.readString(base.contextDir().resolve("hello"))).isEqualTo("hello v1\n");

            String second = origin.commit("second");
            assertThat(repo.head()).isEqualTo(second);
            ImageSource now = repo.images().get(1);
            assertThat(Files.readString(now.contextDir().resolve("hello"))).isEqualTo("uncommitted\n");
            assertThat(Files.readString(repo.images(first).get(1).contextDir().resolve("hello"))).isEqualTo("hello v1\n");
        }
    }

    @Test
    void changedSinceNamesTheImagesWhoseDirectoryChanged() throws Exception {
        try (DockerfileRepository repo = DockerfileRepository.open(origin.dir().toString(), tmp.resolve("work"))) {
            String first = repo.head();
            assertThat(repo.changedSince(first)).isEmpty();

            origin.write("base/hello", "hello v2\n").write("README.md", "not an image\n").commit("fix base");
            assertThat(repo.changedSince(first)).containsExactly("base");

            String second = repo.head();
            origin.write("apps/web/image.yaml", "tag: \"2\"\n").write("apps/api/Dockerfile", "FROM base:1.0\n").commit("web tag, new api");
            assertThat(repo.changedSince(second)).containsExactly("apps/api", "apps/web");
            assertThat(repo.changedSince(first)).containsExactly("apps/api", "apps/web", "base");

            origin.delete("apps/web/run.sh").commit("remove a file");
            assertThat(repo.changedSince("HEAD~1")).containsExactly("apps/web");

            assertThatThrownBy(() -> repo.changedSince("0123456789012345678901234567890123456789"))
                    .isInstanceOf(RepositoryException.class)
                    .hasMessageContaining("commit '0123456789012345678901234567890123456789' is not in " + repo.source());
        }
    }

    @Test
    void aUrlIsClonedAndFetchedOnRefresh() throws Exception {
        String url = origin.dir().toUri().toString();
        assertThat(url).startsWith("file:");
        Path work = tmp.resolve("work");
        try (DockerfileRepository repo = DockerfileRepository.open(url, work)) {
            assertThat(repo.isClone()).isTrue();
            assertThat(repo.source()).isEqualTo(url);
            String first = repo.head();
            assertThat(repo.images()).extracting(ImageSource::name).containsExactly("apps/web", "base");

            String second = origin.write("base/hello", "hello v2\n").commit("fix base");
            assertThat(repo.head()).isEqualTo(first);
            repo.refresh();
            assertThat(repo.head()).isEqualTo(second);
            assertThat(repo.changedSince(first)).containsExactly("base");
            assertThat(Files.readString(repo.images().get(1).contextDir().resolve("hello"))).isEqualTo("hello v2\n");
        }
        String third = origin.write("base/hello", "hello v3\n").commit("again");
        try (DockerfileRepository again = DockerfileRepository.open(url, work)) {
            assertThat(again.head()).isEqualTo(third);  // the clone is reused and fetched on open
        }
        assertThatThrownBy(() -> DockerfileRepository.open(tmp.resolve("other").toUri().toString(), work))
                .isInstanceOf(RepositoryException.class).hasMessageContaining("holds a clone of " + url);
    }

    @Test
    void aPathThatIsNotAGitRepositoryIsRefusedClearly() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertThatThrownBy(() -> DockerfileRepository.open(plain.toString(), tmp.resolve("work")))
                .isInstanceOf(RepositoryException.class).hasMessageContaining(plain + " is not a git repository");
        assertThatThrownBy(() -> DockerfileRepository.open(tmp.resolve("nowhere").toString(), tmp.resolve("work")))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> DockerfileRepository.open("ftp://example.invalid/repo.git", tmp.resolve("work")))
                .hasMessageContaining("scheme 'ftp'; allowed: file, http, https");
        try (TestRepo empty = TestRepo.init(tmp.resolve("empty"));
             DockerfileRepository repo = DockerfileRepository.open(empty.dir().toString(), tmp.resolve("work"))) {
            assertThatThrownBy(repo::head).hasMessageContaining("has no commits yet");
        }
    }

    @Test
    void badImageYamlNamesTheFileAndField() throws Exception {
        try (DockerfileRepository repo = DockerfileRepository.open(origin.dir().toString(), tmp.resolve("work"))) {
            origin.write("base/image.yaml", "name: base\nversion: 2\n").commit("bad field");
            assertThatThrownBy(repo::images).isInstanceOf(RepositoryException.class)
                    .hasMessageContaining("base/image.yaml: unknown field 'version'; allowed: name, tag");

            origin.write("base/image.yaml", "name: base\ntag: 1.0\n").commit("number tag");
            assertThatThrownBy(repo::images).hasMessageContaining("base/image.yaml: field 'tag' must be text").hasMessageContaining("tag: \"1.0\"");

            origin.write("base/image.yaml", "name: apps/web\n").commit("duplicate");
            assertThatThrownBy(repo::images).hasMessageContaining("image name 'apps/web' is used by both 'apps/web' and 'base'");

            origin.write("base/image.yaml", "name: Base\n").commit("upper case");
            assertThatThrownBy(repo::images).hasMessageContaining("base/image.yaml: field 'name': 'Base' is not a valid image name");

            origin.write("base/image.yaml", "name: base\n").write("Dockerfile", "FROM scratch\n").commit("root image");
            assertThatThrownBy(repo::images).hasMessageContaining("needs an image.yaml with name");
        }
    }
}
