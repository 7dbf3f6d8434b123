package dev.ashmem.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar is runnable and lists the tests: an annotation processor that silently did not run
 * leaves a jar that lists none and passes every campaign.
 */
class ShadedJarListIT {
    private static final Path JAR = Path.of(System.getProperty("stress.jar", "target/jcstress.jar"));
    private static final int FLOOR = Integer.getInteger("stress.minTests", 13);

    @Test
    void theJarRunsJcstress() throws IOException {
        try (var jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("org.openjdk.jcstress.Main");
            assertThat(jar.getEntry("META-INF/TestList")).isNotNull();
        }
    }

    @Test
    void theJarListsAtLeastTheFloorOfTests() throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(java, "-jar", JAR.toString(), "-l").redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        long listed = output.lines().filter(l -> l.startsWith("dev.ashmem.stress.tests.")).count();
        assertThat(listed).as("tests listed by %s -l:%n%s", JAR, output).isGreaterThanOrEqualTo(FLOOR);
    }
}
