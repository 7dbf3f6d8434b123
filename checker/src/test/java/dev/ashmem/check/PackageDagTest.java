package dev.ashmem.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The checker's packages (scope, kernel, trace, explore, validate, cli) depend on each other without a
 * cycle. Dependencies are read from the main sources: a class of another package can only be named
 * through its qualified package (an import, a static import or a qualified name), so every
 * {@code dev.ashmem.check.<pkg>} outside comments and strings is an edge. (Compiled classes would miss
 * inlined constants such as Kernel.RES_VALUE.)
 */
class PackageDagTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/ashmem/check");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.ashmem\\.check\\.([a-z][a-z0-9_]*)\\b");
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"", Pattern.DOTALL);

    @Test
    void checkerPackagesFormADag() {
        var graph = dependencies(SOURCES);
        assertThat(graph.keySet()).as("the checker's packages").containsExactlyInAnyOrder("scope", "kernel", "trace", "explore", "validate", "cli");
        assertThat(cycle(graph)).as("a package cycle in " + graph).isEmpty();
    }

    @Test
    void everyClassIsInASubPackage() throws IOException {
        try (Stream<Path> top = Files.list(SOURCES)) {
            assertThat(top.filter(p -> p.toString().endsWith(".java")).toList()).isEmpty();
        }
    }

    @Test
    void theCycleFinderFindsCyclesAndOnlyCycles() {
        Map<String, Set<String>> dag = Map.of("a", Set.of("b", "c"), "b", Set.of("c"), "c", Set.of());
        assertThat(cycle(dag)).isEmpty();
        Map<String, Set<String>> loop = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"));
        assertThat(cycle(loop)).hasValueSatisfying(c -> assertThat(c).containsSubsequence("a", "b", "c", "a"));
    }

    @Test
    void referencesInCommentsAndStringsAreNotDependencies() {
        String src = """
                package dev.ashmem.check.kernel;
                import dev.ashmem.check.scope.Scope;
                /** {@code dev.ashmem.check.validate.Validator} proves it. */
                class X { String s = "dev.ashmem.check.cli"; int y = dev.ashmem.check.trace.T.Y; } // dev.ashmem.check.explore
                """;
        assertThat(references(src)).containsExactlyInAnyOrder("scope", "trace");
    }

    /** Package (first level below dev.ashmem.check) -> the other checker packages its sources name. */
    static Map<String, Set<String>> dependencies(Path root) {
        var graph = new TreeMap<String, Set<String>>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = root.relativize(f);
                if (rel.getNameCount() < 2) {
                    continue;
                }
                String pkg = rel.getName(0).toString();
                var deps = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
                references(Files.readString(f)).stream().filter(d -> !d.equals(pkg)).forEach(deps::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    static Set<String> references(String source) {
        var code = COMMENTS_AND_STRINGS.matcher(source).replaceAll(" ");
        code = code.replaceFirst("package\\s+[\\w.]+\\s*;", "");
        var out = new TreeSet<String>();
        var m = REFERENCE.matcher(code);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** A cycle as a path that starts and ends at the same package, if there is one (depth-first search). */
    static Optional<List<String>> cycle(Map<String, Set<String>> graph) {
        var done = new TreeSet<String>();
        for (String start : new TreeSet<>(graph.keySet())) {
            var found = visit(graph, start, new ArrayList<>(), done);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(Map<String, Set<String>> graph, String node, List<String> path, Set<String> done) {
        int at = path.indexOf(node);
        if (at >= 0) {
            var c = new ArrayList<>(path.subList(at, path.size()));
            c.add(node);
            return Optional.of(c);
        }
        if (done.contains(node)) {
            return Optional.empty();
        }
        path.add(node);
        for (String next : new TreeSet<>(graph.getOrDefault(node, Set.of()))) {
            var found = visit(graph, next, path, done);
            if (found.isPresent()) {
                return found;
            }
        }
        path.removeLast();
        done.add(node);
        return Optional.empty();
    }
}
