package dev.ashmem.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.stress.scenario.Scenario;
import dev.ashmem.stress.scenario.Scenarios;
import dev.ashmem.stress.scenario.SerialOrders;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.openjdk.jcstress.annotations.Expect;

/**
 * The tests about PINARG-WAIT have teeth: with the wait switched off, the model reaches outcomes
 * each of them names as FORBIDDEN, the ones the no-inflight-wait variant is expected to show.
 */
class ModelTeethTest {
    static final List<Scenario> WAIT_SCENARIOS = List.of(Scenarios.PIN_01, Scenarios.PURGE_09, Scenarios.PIN_12);

    @ParameterizedTest(name = "{0}")
    @FieldSource("WAIT_SCENARIOS")
    void withoutTheWaitTheModelReachesANamedForbiddenOutcome(Scenario scenario) throws Exception {
        var broken = new TreeSet<>(SerialOrders.withoutInflightWait(scenario).keySet());
        broken.removeAll(SerialOrders.of(scenario).keySet());
        var namedForbidden = DeclaredOutcomesTest.outcomes(scenario).stream()
                .filter(o -> o.expect() == Expect.FORBIDDEN)
                .flatMap(o -> Arrays.stream(o.id())).toList();
        assertThat(broken).as("outcomes only a device without PINARG-WAIT reaches").isNotEmpty();
        assertThat(namedForbidden).containsAll(broken);
    }
}
