package dev.ashmem.pbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs the {@link JUnitSamples} through the JUnit Platform, as Surefire or an IDE would. */
class JUnitIntegrationTest {

    /** Runs one sample class; returns the result of its single test method. */
    static TestExecutionResult run(Class<?> sample, Map<String, String> parameters) {
        var params = new HashMap<>(parameters);
        params.putIfAbsent("pbt.database", "off");
        params.put("pbt.samples", "true");
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(sample))
                .configurationParameters(params)
                .build();
        var results = new HashMap<String, TestExecutionResult>();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) results.put(id.getDisplayName(), result);
            }
        });
        assertThat(results).hasSize(1);
        return results.values().iterator().next();
    }

    static Throwable failure(TestExecutionResult result) {
        assertThat(result.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        return result.getThrowable().orElseThrow();
    }

    @Test
    void aFailingPropertyReportsTheMinimalExampleSeedAndReplayInstruction() {
        Throwable t = failure(run(JUnitSamples.FailingReverse.class, Map.of()));
        assertThat(t).isInstanceOf(PropertyFailure.class);
        assertThat(t.getStackTrace()).isEmpty();
        assertThat(t.getMessage()).isEqualTo("""
                Property 'dev.ashmem.pbt.JUnitSamples$FailingReverse#reverseIsIdentity' failed after 2 tries; shrunk 34 times in 72 runs.
                Minimal counterexample:
                  xs = [0, 1]
                Failure: org.opentest4j.AssertionFailedError:
                    expected: [0, 1]
                     but was: [1, 0]
                Seed: 42
                Choices: v2.AQABAQA
                Replay this case: @Replay("v2.AQABAQA") or -Dpbt.replay=v2.AQABAQA
                Rerun the search: -Dpbt.seed=42""");
        // The cause is the original failure of the minimal case, with the user's frames on top.
        assertThat(t.getCause()).isInstanceOf(AssertionError.class);
        assertThat(t.getCause().getStackTrace()).extracting(StackTraceElement::getClassName)
                .startsWith(JUnitSamples.FailingReverse.class.getName())
                .doesNotContain("dev.ashmem.pbt.Engine", "dev.ashmem.pbt.junit.PropertyExtension");
    }

    @Test
    void replayAnnotationRerunsExactlyThePrintedCase() {
        Throwable t = failure(run(JUnitSamples.ReplayedReverse.class, Map.of()));
        assertThat(t.getMessage()).isEqualTo("""
                Property 'dev.ashmem.pbt.JUnitSamples$ReplayedReverse#reverseIsIdentity' failed on the replayed choices.
                Counterexample:
                  xs = [0, 1]
                Failure: org.opentest4j.AssertionFailedError:
                    expected: [0, 1]
                     but was: [1, 0]
                Choices: v2.AQABAQA
                Replay this case: @Replay("v2.AQABAQA") or -Dpbt.replay=v2.AQABAQA""");
    }

    @Test
    void replaySystemPropertyOverridesTheSearch() {
        Throwable t = failure(run(JUnitSamples.FailingReverse.class, Map.of("pbt.replay", "v2.AQABAQA")));
        assertThat(t.getMessage()).startsWith("Property 'dev.ashmem.pbt.JUnitSamples$FailingReverse#reverseIsIdentity'"
                + " failed on the replayed choices.\nCounterexample:\n  xs = [0, 1]\n");
    }

    @Test
    void parametersOfDefaultTypesAreGeneratedAndConfigurationKeysOverrideAnnotations() {
        JUnitSamples.DefaultGenerators.CALLS.set(0);
        var result = run(JUnitSamples.DefaultGenerators.class, Map.of());
        assertThat(result.getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(JUnitSamples.DefaultGenerators.CALLS.get()).isEqualTo(50);

        JUnitSamples.DefaultGenerators.CALLS.set(0);
        run(JUnitSamples.DefaultGenerators.class, Map.of("pbt.tries", "7"));
        assertThat(JUnitSamples.DefaultGenerators.CALLS.get()).isEqualTo(7);
    }

    @Test
    void junitsOwnParametersArePassedThrough() {
        assertThat(run(JUnitSamples.JUnitParameters.class, Map.of()).getStatus())
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(JUnitSamples.JUnitParameters.seen).isEqualTo("withTestInfoAndTempDir true");
    }

    @Test
    void aParameterWithoutGeneratorIsAConfigurationError() {
        Throwable t = failure(run(JUnitSamples.MissingGenerator.class, Map.of()));
        assertThat(t).hasMessage("parameter 'notGeneratable' of property needsAGenerator has type Thread without"
                + " a default generator: annotate it with @From(\"generatorName\")");
    }

    @Test
    void aStateMachinePropertyWithCoveragePasses() {
        assertThat(run(JUnitSamples.BufferMachine.class, Map.of()).getStatus())
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    void aBuggyStateMachinePropertyFailsWithItsMinimalChain() {
        Throwable t = failure(run(JUnitSamples.BuggyBufferMachine.class, Map.of()));
        assertThat(t.getMessage()).isEqualTo("""
                Property 'dev.ashmem.pbt.JUnitSamples$BuggyBufferMachine#buggyBuffer' failed after 2 tries (34 steps); shrunk 7 times in 59 runs.
                Minimal counterexample:
                  step 1: new(1)
                  step 2: put(0)
                  step 3: size() -> 0
                Failure: postcondition 'size matches the model' failed after step 3 (result 0)
                Seed: 1
                Choices: v2.AQAAAQAAAQQ
                Replay this case: @Replay("v2.AQAAAQAAAQQ") or -Dpbt.replay=v2.AQAAAQAAAQQ
                Rerun the search: -Dpbt.seed=1""");
    }

    @Test
    void missedCoverageFailsNamingTheMissingLabels() {
        Throwable t = failure(run(JUnitSamples.MissedCoverage.class, Map.of()));
        assertThat(t.getMessage()).isEqualTo("""
                Property 'dev.ashmem.pbt.JUnitSamples$MissedCoverage#rarelyLabelled' passed 20 tries but missed its coverage, seed 5.
                Labels hit too rarely:
                  never: 0 of at least 1
                Statistics:
                  label         cases       %       hits
                  sometimes         2   10.0%          2""");
    }

    @Test
    void failuresGoToTheDatabaseAndComeBackFirst(@TempDir Path dir) throws Exception {
        var params = Map.of("pbt.database", dir.toString());
        failure(run(JUnitSamples.FailingReverse.class, params));
        Path file = dir.resolve("dev.ashmem.pbt.JUnitSamples$FailingReverse#reverseIsIdentity.txt");
        assertThat(Files.readAllLines(file)).last().isEqualTo("v2.AQABAQA");

        Throwable again = failure(run(JUnitSamples.FailingReverse.class, Map.of("pbt.database", dir.toString(), "pbt.seed", "9")));
        assertThat(again.getMessage()).contains("failed on a case stored in the failure database", "xs = [0, 1]");
    }
}
