package dev.ashmem.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Where the shaded jcstress jar is: the checkout's {@code stress/target/jcstress.jar}, else the copy the
 * runnable {@code ashmem.jar} carries inside it (jcstress runs {@code java -jar} on its jar, so it must be
 * a jar of its own), unpacked once per run into a temporary file.
 */
final class StressJar {
    /** Where the runnable jar keeps its copy. */
    static final String RESOURCE = "/dev/ashmem/cli/jcstress.jar";

    private StressJar() {
    }

    /** The jar, or empty when neither the checkout nor this tool has one. */
    static Optional<Path> locate(Path root) throws IOException {
        Path built = root.resolve("stress").resolve("target").resolve("jcstress.jar");
        if (Files.isRegularFile(built)) {
            return Optional.of(built);
        }
        try (InputStream in = StressJar.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            Path copy = Files.createTempFile("ashmem-jcstress-", ".jar");
            copy.toFile().deleteOnExit();
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(copy);
        }
    }
}
