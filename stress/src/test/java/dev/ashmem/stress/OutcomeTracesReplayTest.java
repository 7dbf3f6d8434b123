package dev.ashmem.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.oracle.replay.Replayer;
import dev.ashmem.oracle.replay.Reports;
import dev.ashmem.stress.scenario.OutcomeTraces;
import dev.ashmem.stress.scenario.Scenario;
import dev.ashmem.stress.scenario.Scenarios;
import dev.ashmem.stress.scenario.SerialOrders;
import dev.ashmem.trace.Outcome;
import dev.ashmem.trace.Step;
import dev.ashmem.trace.TraceParser;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The traces the stress reports print for an outcome are {@code ashmem-trace 1} text that replay runs as
 * written: an allowed outcome's trace replays on the model without a divergence, and a FORBIDDEN one
 * reached without PINARG-WAIT diverges exactly where the driver's PIN waits for the punch in flight.
 */
class OutcomeTracesReplayTest {
    static final List<Scenario> SCENARIOS = Scenarios.ALL;
    static final List<Scenario> WAIT_SCENARIOS = ModelTeethTest.WAIT_SCENARIOS;

    @ParameterizedTest(name = "{0}")
    @FieldSource("SCENARIOS")
    void everyAllowedOutcomesTraceReplaysOnTheModel(Scenario scenario) {
        for (var outcome : SerialOrders.of(scenario).keySet()) {
            String text = OutcomeTraces.of(scenario, outcome).orElseThrow();
            var trace = TraceParser.parse(scenario.name(), text);
            var r = Replayer.replay(trace, null);
            assertThat(r.passed()).as("%s%n%s", text, Reports.render(r)).isTrue();
            assertThat(r.checked()).as(text).isEqualTo(trace.lines().size());
            assertThat(text).as("the trace names its outcome").endsWith("# outcome: " + outcome + "\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("WAIT_SCENARIOS")
    void aForbiddenOutcomesTraceDivergesWhereThePinMustWait(Scenario scenario) {
        var forbidden = new TreeSet<>(SerialOrders.withoutInflightWait(scenario).keySet());
        forbidden.removeAll(SerialOrders.of(scenario).keySet());
        assertThat(forbidden).isNotEmpty();
        for (var outcome : forbidden) {
            String text = OutcomeTraces.of(scenario, outcome).orElseThrow();
            var r = Replayer.replay(TraceParser.parse(scenario.name(), text), null);
            assertThat(r.problem()).as(Reports.render(r)).isNull();
            var d = r.divergence();
            assertThat(d).as(text).isNotNull();
            assertThat(d.line().step()).as(text).isInstanceOfSatisfying(Step.Ioctl.class,
                    i -> assertThat(i.cmd().name()).isEqualTo("PIN"));
            assertThat(d.verdict().expected()).isEqualTo(new Outcome.Blocked());
            assertThat(Reports.render(r)).contains("deciding rule: PINARG-WAIT");
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SCENARIOS")
    void anOutcomeNoSerialOrderGivesHasNoTrace(Scenario scenario) {
        assertThat(OutcomeTraces.of(scenario, "torn=X")).isEmpty();
    }
}
