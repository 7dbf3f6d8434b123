package dev.ashmem.cli.mutate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Merging PIT's per-module reports, the equivalents list, and the score line ./ashmem mutate prints. */
class MutationScoreTest {
    private static String mutation(String cls, String method, int line, String mutator, int index, boolean detected) {
        return "<mutation detected='" + detected + "' status='" + (detected ? "KILLED" : "SURVIVED") + "' numberOfTestsRun='1'>"
                + "<sourceFile>FileIo.java</sourceFile><mutatedClass>" + cls + "</mutatedClass><mutatedMethod>" + method
                + "</mutatedMethod><methodDescription>()V</methodDescription><lineNumber>" + line + "</lineNumber>"
                + "<mutator>org.pitest.mutationtest.engine.gregor.mutators." + mutator + "</mutator><indexes><index>" + index
                + "</index></indexes><blocks><block>1</block></blocks><killingTest/><description>changed</description></mutation>";
    }

    private static List<Mutant> report(String... mutations) throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mutations partial=\"true\">\n" + String.join("\n", mutations) + "\n</mutations>";
        return MutationsXml.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String C = "dev.ashmem.model.FileIo";

    @Test
    void aMutantIsKilledWhenAnyModuleKilledIt() throws IOException {
        var model = report(mutation(C, "read", 10, "MathMutator", 4, false), mutation(C, "read", 11, "MathMutator", 9, false));
        var properties = report(mutation(C, "read", 10, "MathMutator", 4, true), mutation(C, "read", 11, "MathMutator", 9, false));
        var tally = new Tally(List.of(model, properties), Equivalents.none(), m -> Optional.empty());
        assertThat(tally.total("model")).isEqualTo(new Tally.Score("model", 2, 1, 0));
        assertThat(tally.survivors()).extracting(Mutant::line).containsExactly(11);
        // The same mutant in the other order: still killed.
        var reversed = new Tally(List.of(properties, model), Equivalents.none(), m -> Optional.empty());
        assertThat(reversed.total("model").killed()).isEqualTo(1);
    }

    @Test
    void twoMutantsOnOneLineAreTwoMutants() throws IOException {
        var r = report(mutation(C, "read", 10, "MathMutator", 4, true), mutation(C, "read", 10, "MathMutator", 7, false));
        assertThat(new Tally(List.of(r), Equivalents.none(), m -> Optional.empty()).total("t").mutants()).isEqualTo(2);
    }

    @Test
    void equivalentsMatchBySourceTextWhereverTheLineMoved() throws IOException {
        var eq = Equivalents.parse(List.of("# comment", "",
                C + " | read | 10 | MathMutator | long a = x  |  y; | x and y share no bit: or equals plus"));
        var moved = report(mutation(C, "read", 42, "MathMutator", 4, false), mutation(C, "read", 43, "MathMutator", 5, false));
        var tally = new Tally(List.of(moved), eq, m -> Optional.of(m.line() == 42 ? "long a = x | y;" : "return a;"));
        assertThat(tally.total("model")).isEqualTo(new Tally.Score("model", 2, 0, 1));
        assertThat(tally.survivors()).extracting(Mutant::line).containsExactly(43);
        assertThat(eq.entries().getFirst().reason()).isEqualTo("x and y share no bit: or equals plus");
    }

    @Test
    void withoutTheSourceTheLineNumberDecides() throws IOException {
        var eq = Equivalents.parse(List.of(C + " | read | 10 | MathMutator | a + b | reason"));
        var r = report(mutation(C, "read", 10, "MathMutator", 4, false), mutation(C, "read", 12, "MathMutator", 5, false));
        assertThat(new Tally(List.of(r), eq, m -> Optional.empty()).total("t").equivalent()).isEqualTo(1);
    }

    @Test
    void aListedMutantThatATestKillsIsReported() throws IOException {
        var eq = Equivalents.parse(List.of(C + " | read | 10 | MathMutator | a + b | reason"));
        var r = report(mutation(C, "read", 10, "MathMutator", 4, true));
        var tally = new Tally(List.of(r), eq, m -> Optional.of("a + b"));
        assertThat(tally.total("t")).isEqualTo(new Tally.Score("t", 1, 1, 0));
        assertThat(tally.killedButListed()).hasSize(1);
    }

    @Test
    void aLambdaCountsForItsClass() throws IOException {
        var r = report(mutation(C + "$1", "lambda$read$0", 10, "MathMutator", 4, true), mutation(C, "read", 11, "MathMutator", 5, false));
        assertThat(new Tally(List.of(r), Equivalents.none(), m -> Optional.empty()).perClass())
                .containsExactly(new Tally.Score(C, 2, 1, 0));
    }

    @Test
    void theScoreLineLeavesEquivalentsOut() {
        var s = new Tally.Score("model", 100, 90, 4);
        assertThat(s.percent()).isEqualTo(93);
        assertThat(s.line()).isEqualTo("mutation score: 93% (90 of 96, 4 equivalent)");
    }

    @Test
    void aLineWithoutAReasonIsRefused() {
        assertThatThrownBy(() -> Equivalents.parse(List.of(C + " | read | 10 | MathMutator | a + b")))
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> Equivalents.parse(List.of(C + " | read | ten | MathMutator | a + b | why")))
                .hasMessageContaining("not a line number");
    }

    @Test
    void targetsAreNamedAsOnTheCommandLine() {
        assertThat(MutationTarget.parse("all")).containsExactly(MutationTarget.MODEL, MutationTarget.REFERENCE_IMPL);
        assertThat(MutationTarget.parse("reference-impl")).containsExactly(MutationTarget.REFERENCE_IMPL);
        assertThatThrownBy(() -> MutationTarget.parse("impl")).hasMessageContaining("unknown target");
    }

    @Test
    void aTargetWithoutMutantsIsAFailureNotAScore(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root) throws IOException {
        var dir = java.nio.file.Files.createDirectories(root.resolve("model/target/pit-reports/model"));
        java.nio.file.Files.writeString(dir.resolve("mutations.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mutations partial=\"true\">\n</mutations>\n");
        java.nio.file.Files.writeString(root.resolve("eq.txt"), "# none\n");
        var text = new java.io.ByteArrayOutputStream();
        int rc = new picocli.CommandLine(new MutateCommand(root, new java.io.PrintStream(text, true, StandardCharsets.UTF_8)))
                .execute("model", "--report-only", "--equivalents", root.resolve("eq.txt").toString());
        assertThat(rc).isEqualTo(1);
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("PIT made no mutants for model");
        java.nio.file.Files.writeString(dir.resolve("mutations.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mutations partial=\"true\">\n"
                + mutation(C, "read", 10, "MathMutator", 4, true) + "\n</mutations>\n");
        text.reset();
        rc = new picocli.CommandLine(new MutateCommand(root, new java.io.PrintStream(text, true, StandardCharsets.UTF_8)))
                .execute("model", "--report-only", "--equivalents", root.resolve("eq.txt").toString());
        assertThat(rc).isZero();
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("mutation score: 100% (1 of 1, 0 equivalent)");
    }

    /** A run stopped mid-way leaves a module's report empty: the others still score, and the line says so. */
    @Test
    void anEmptyReportOfAStoppedRunIsLeftOutAndNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root) throws IOException {
        var model = java.nio.file.Files.createDirectories(root.resolve("model/target/pit-reports/model"));
        java.nio.file.Files.writeString(model.resolve("mutations.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mutations partial=\"true\">\n"
                + mutation(C, "read", 10, "MathMutator", 4, true) + "\n</mutations>\n");
        var trace = java.nio.file.Files.createDirectories(root.resolve("trace/target/pit-reports/model"));
        java.nio.file.Files.writeString(trace.resolve("mutations.xml"), "");
        java.nio.file.Files.writeString(root.resolve("eq.txt"), "# none\n");
        var text = new java.io.ByteArrayOutputStream();
        int rc = new picocli.CommandLine(new MutateCommand(root, new java.io.PrintStream(text, true, StandardCharsets.UTF_8)))
                .execute("model", "--report-only", "--equivalents", root.resolve("eq.txt").toString());
        assertThat(rc).as(text.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("trace/target/pit-reports/model/mutations.xml is empty", "left out",
                "mutation score: 100% (1 of 1, 0 equivalent)");
        // a report that is there but broken is an error that names its file
        java.nio.file.Files.writeString(trace.resolve("mutations.xml"), "<mutations>");
        text.reset();
        rc = new picocli.CommandLine(new MutateCommand(root, new java.io.PrintStream(text, true, StandardCharsets.UTF_8)))
                .execute("model", "--report-only", "--equivalents", root.resolve("eq.txt").toString());
        assertThat(rc).isEqualTo(2);
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("mutate model: ", "trace/target/pit-reports/model/mutations.xml: not a PIT mutations.xml")
                .doesNotContain("\tat ");
    }

    @Test
    void oneEntryExplainsOneMutantAndAKilledNeighbourIsNoStaleEntry() throws IOException {
        var eq = Equivalents.parse(List.of(C + " | read | 10 | MathMutator | a + b | reason"));
        var twoSurvivors = report(mutation(C, "read", 10, "MathMutator", 4, false), mutation(C, "read", 10, "MathMutator", 7, false));
        var tally = new Tally(List.of(twoSurvivors), eq, m -> Optional.of("a + b"));
        assertThat(tally.total("t")).isEqualTo(new Tally.Score("t", 2, 0, 1));
        assertThat(tally.survivors()).hasSize(1);
        var killedNeighbour = report(mutation(C, "read", 10, "MathMutator", 4, true), mutation(C, "read", 10, "MathMutator", 7, false));
        var second = new Tally(List.of(killedNeighbour), eq, m -> Optional.of("a + b"));
        assertThat(second.total("t")).isEqualTo(new Tally.Score("t", 2, 1, 1));
        assertThat(second.killedButListed()).isEmpty();
    }
}

