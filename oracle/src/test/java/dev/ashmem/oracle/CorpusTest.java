package dev.ashmem.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.oracle.replay.DeviceRecorder;
import dev.ashmem.oracle.replay.Replayer;
import dev.ashmem.oracle.replay.Reports;
import dev.ashmem.oracle.rules.RuleIds;
import dev.ashmem.trace.Trace;
import dev.ashmem.trace.TraceParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The conformance corpus in spec/corpus: at least one trace per rule the spec defines, each replaying on
 * the model and on the reference implementation.
 */
class CorpusTest {
    static final Path SPEC = Path.of("..", "spec");
    static final Pattern RULE = Pattern.compile("^- \\*\\*([A-Z0-9-]+)\\*\\*", Pattern.MULTILINE);

    static Set<String> specRules() throws IOException {
        var ids = new TreeSet<String>();
        try (Stream<Path> files = Files.list(SPEC)) {
            for (var f : files.filter(p -> p.toString().endsWith(".md")).toList()) {
                var m = RULE.matcher(Files.readString(f));
                while (m.find()) {
                    ids.add(RuleIds.canonical(m.group(1)));
                }
            }
        }
        return ids;
    }

    static List<Trace> corpus() {
        try (Stream<Path> files = Files.list(SPEC.resolve("corpus"))) {
            var out = new ArrayList<Trace>();
            for (var f : files.filter(p -> p.toString().endsWith(".trace")).sorted().toList()) {
                out.add(TraceParser.parse("spec/corpus/" + f.getFileName(), Files.readString(f)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyRuleOfTheSpecHasATrace() throws IOException {
        var spec = specRules();
        assertThat(spec).hasSizeGreaterThan(100);
        var covered = new TreeSet<String>();
        corpus().forEach(t -> t.header().covers().forEach(r -> covered.add(RuleIds.canonical(r))));
        var missing = new TreeSet<>(spec);
        missing.removeAll(covered);
        assertThat(missing).as("spec rules without a corpus trace").isEmpty();
        var unknown = new TreeSet<>(covered);
        unknown.removeAll(spec);
        assertThat(unknown).as("corpus traces covering rules the spec does not define").isEmpty();
    }

    @Test
    void everyTraceMatchesTheModelAndExercisesTheRulesItClaims() {
        var corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(100);
        for (var t : corpus) {
            var r = Replayer.replay(t, null);
            assertThat(r.passed()).as(Reports.render(r)).isTrue();
            assertThat(r.checked()).as(t.source() + " records its results").isEqualTo(t.lines().size());
            var exercised = new TreeSet<String>();
            r.verdicts().forEach(v -> exercised.addAll(v.attribution().rules()));
            assertThat(exercised).as(t.source() + " exercises what it covers").containsAll(
                    t.header().covers().stream().map(RuleIds::canonical).toList());
        }
    }

    @Test
    void everyTraceMatchesTheReferenceImplementation() {
        String problem = Implementations.referenceProblem();
        Assumptions.assumeTrue(problem == null, () -> "reference implementation unavailable, corpus not run on it: " + problem);
        for (var t : corpus()) {
            try (var device = Implementations.reference(t.header().pageSize()).orElseThrow()) {
                var recorded = DeviceRecorder.record(t, device);
                var r = Replayer.replay(recorded, null);
                assertThat(r.passed()).as("reference implementation on " + t.source() + "\n" + Reports.render(r)).isTrue();
            }
        }
    }
}
