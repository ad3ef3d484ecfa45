package io.wolfpack.cli.roles;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** scripts/java-opts: the JVM flags ./wolfpack and scripts/bench-router give a role before WOLFPACK_JAVA_OPTS. */
class RoleJavaOptsTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "java-opts").toAbsolutePath().normalize();

    private static String optsFor(String role, String javaOpts) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", ". \"$1\" && wolfpack_role_java_opts \"$2\"", "bash",
                SCRIPT.toString(), role).redirectErrorStream(true);
        pb.environment().remove("WOLFPACK_JAVA_OPTS");
        if (javaOpts != null) pb.environment().put("WOLFPACK_JAVA_OPTS", javaOpts);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void theRouterGetsTheParallelCollector() throws Exception {
        assertThat(Files.isRegularFile(SCRIPT)).as(SCRIPT.toString()).isTrue();
        assertThat(optsFor("router", null)).isEqualTo("-XX:+UseParallelGC");
        assertThat(optsFor("router", "-Xmx512m -XX:+UseStringDeduplication -XX:+PrintGC")).isEqualTo("-XX:+UseParallelGC");
    }

    @Test
    void aCollectorInWolfpackJavaOptsWins() throws Exception {
        // two collector flags would stop the JVM ("multiple garbage collectors selected")
        assertThat(optsFor("router", "-Xmx1g -XX:+UseG1GC")).isEmpty();
        assertThat(optsFor("router", "-XX:+UseZGC")).isEmpty();
        assertThat(optsFor("router", "-XX:+UseSerialGC -Xss512k")).isEmpty();
    }

    @Test
    void otherRolesKeepTheJvmDefaults() throws Exception {
        assertThat(optsFor("dev", null)).isEmpty();
        assertThat(optsFor("server", null)).isEmpty();
        assertThat(optsFor("agent", null)).isEmpty();
        assertThat(optsFor("", null)).isEmpty();
    }
}
