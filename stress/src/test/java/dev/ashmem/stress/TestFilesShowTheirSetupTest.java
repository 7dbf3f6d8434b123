package dev.ashmem.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.stress.scenario.Scenario;
import dev.ashmem.stress.scenario.Scenarios;
import dev.ashmem.stress.scenario.TraceRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Each jcstress test file shows its initial state as its scenario's setup on the model, line by line
 * in the trace format with the model's results (the indented lines under "Initial state:").
 */
class TestFilesShowTheirSetupTest {
    static final List<Scenario> SCENARIOS = Scenarios.ALL;
    private static final Path SOURCES = Path.of("src/main/java/dev/ashmem/stress/tests");
    private static final String INDENT = "        ";

    @ParameterizedTest(name = "{0}")
    @FieldSource("SCENARIOS")
    void theInitialStateShownIsTheSetupsTrace(Scenario scenario) throws Exception {
        var file = SOURCES.resolve(scenario.name() + ".java");
        var lines = Files.readAllLines(file);
        int at = lines.stream().filter(l -> l.startsWith("    Initial state: ")).findFirst().map(lines::indexOf)
                .orElseThrow(() -> new AssertionError(file + " shows no \"Initial state:\""));
        var shown = lines.subList(at + 1, lines.size()).stream().takeWhile(l -> l.startsWith(INDENT))
                .map(String::strip).toList();
        assertThat(shown).as("the setup lines %s shows", file).containsExactlyElementsOf(TraceRecorder.setup(scenario));
    }
}
