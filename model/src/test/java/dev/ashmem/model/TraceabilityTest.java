package dev.ashmem.model;

import static dev.ashmem.model.AshmemAssertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ties spec/ to the code: every rule defined in spec/ is cited by the model's sources and exercised by
 * a test ({@link Exercises}), and nothing in any module's code or tests cites a rule the spec does not
 * define. How a claim is verified depends on the rule's kind:
 * <ul>
 * <li>operational rules, CTX-* and ARITH-*: by execution; a scenario suite run on the model fails when
 *     a claimed rule neither fired nor was relied on by a fired rule ({@link DeviceScenarioBase});
 * <li>INV-*: relied on by the rules that keep them ({@link RuleDependencies}, spec 9), and evaluated
 *     on every state by {@link Invariants} in the law and differential suites;
 * <li>CONC-*, PINARG-WAIT, SHRINK-TRYLOCK: interleavings a sequential run cannot show; claimed by the
 *     step-wise, jcstress and checker tests and checked here as text.
 * </ul>
 */
class TraceabilityTest {
    /** A rule definition: a list item opening with the bold rule ID. */
    static final Pattern DEFINITION = Pattern.compile("^- \\*\\*([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\\*\\*", Pattern.MULTILINE);
    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    static Map<String, Path> defined;
    static Pattern citation;

    @BeforeAll
    static void readSpec() {
        defined = new TreeMap<>();
        var duplicates = new ArrayList<String>();
        for (var file : files(ROOT.resolve("spec"), ".md")) {
            var m = DEFINITION.matcher(read(file));
            while (m.find()) {
                if (defined.put(m.group(1), file) != null) {
                    duplicates.add(m.group(1));
                }
            }
        }
        assertThat(duplicates).as("rule IDs defined more than once in spec/").isEmpty();
        var prefixes = defined.keySet().stream().map(id -> id.substring(0, id.indexOf('-'))).collect(Collectors.toCollection(TreeSet::new));
        citation = Pattern.compile("\\b(?:" + String.join("|", prefixes) + ")(?:-[A-Z0-9]+)+\\b");
    }

    @Test
    void theSpecDefinesRules() {
        assertThat(defined).hasSizeGreaterThan(100);
    }

    @Test
    void theRuleCatalogueIsTheSpecsListOfRules() {
        assertThat(RuleCatalogue.ALL).containsExactlyInAnyOrderElementsOf(defined.keySet());
    }

    @Test
    void everyRuleIsCitedByTheModel() {
        var cited = citedIn(files(ROOT.resolve("model/src/main/java"), ".java"));
        var missing = new TreeSet<>(defined.keySet());
        missing.removeAll(cited.keySet());
        assertThat(missing).as("rules of spec/ that no model source cites").isEmpty();
    }

    @Test
    void everyRuleIsExercisedByATest() {
        var exercised = exercisedRules();
        var missing = new TreeSet<>(defined.keySet());
        missing.removeAll(exercised);
        assertThat(missing).as("rules of spec/ that no @Exercises annotation names").isEmpty();
    }

    @Test
    void codeAndTestsCiteOnlyDefinedRules() {
        var sources = new ArrayList<Path>();
        for (var module : modules()) {
            sources.addAll(files(module.resolve("src"), ".java"));
        }
        var unknown = new TreeMap<String, String>();
        citedIn(sources).forEach((id, where) -> {
            if (!defined.containsKey(id)) {
                unknown.put(id, where);
            }
        });
        assertThat(unknown).as("rule IDs cited in code or tests but not defined in spec/").isEmpty();
    }

    /** Rule IDs named by @Exercises in any test source of the repository. */
    static Set<String> exercisedRules() {
        var ids = new TreeSet<String>();
        var annotation = Pattern.compile("@Exercises\\(\\{?([^)]*?)}?\\)", Pattern.DOTALL);
        for (var module : modules()) {
            for (var file : files(module.resolve("src/test/java"), ".java")) {
                var m = annotation.matcher(read(file));
                while (m.find()) {
                    Arrays.stream(m.group(1).split(",")).map(s -> s.strip().replace("\"", "")).filter(s -> !s.isEmpty()).forEach(ids::add);
                }
            }
        }
        return ids;
    }

    /** Every module: the root pom's modules and any top-level directory with a src/ (a module not yet listed). */
    static List<Path> modules() {
        var out = new TreeSet<Path>();
        var m = Pattern.compile("<module>([^<]+)</module>").matcher(read(ROOT.resolve("pom.xml")));
        while (m.find()) {
            out.add(ROOT.resolve(m.group(1).strip()));
        }
        try (Stream<Path> dirs = Files.list(ROOT)) {
            dirs.filter(d -> Files.isDirectory(d.resolve("src"))).forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }

    @Test
    void everyModuleIsScanned() {
        assertThat(modules()).extracting(p -> p.getFileName().toString())
                .contains("model", "pbt", "reference-impl", "properties", "stress", "checker", "oracle");
    }

    private static Map<String, String> citedIn(List<Path> sources) {
        var cited = new HashMap<String, String>();
        for (var file : sources) {
            var m = citation.matcher(read(file));
            while (m.find()) {
                cited.putIfAbsent(m.group(), ROOT.relativize(file).toString());
            }
        }
        return cited;
    }

    static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
