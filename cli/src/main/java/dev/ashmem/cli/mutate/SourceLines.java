package dev.ashmem.cli.mutate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** A mutant's source line, looked up in the checkout's {@code * /src/main/java} trees. */
final class SourceLines {
    private final List<Path> roots;
    private final Map<String, Optional<List<String>>> files = new HashMap<>();

    SourceLines(Path checkout) {
        try (Stream<Path> modules = Files.list(checkout)) {
            roots = modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<String> of(Mutant m) {
        String pkg = m.mutatedClass().contains(".") ? m.mutatedClass().substring(0, m.mutatedClass().lastIndexOf('.')) : "";
        String rel = pkg.replace('.', '/') + "/" + m.sourceFile();
        return files.computeIfAbsent(rel, this::load)
                .filter(lines -> m.line() >= 1 && m.line() <= lines.size())
                .map(lines -> lines.get(m.line() - 1).strip());
    }

    private Optional<List<String>> load(String rel) {
        for (Path root : roots) {
            Path f = root.resolve(rel);
            if (Files.isRegularFile(f)) {
                try {
                    return Optional.of(Files.readAllLines(f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return Optional.empty();
    }
}
