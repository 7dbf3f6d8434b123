package dev.ashmem.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.stress.scenario.OutcomeTraces;
import dev.ashmem.stress.scenario.Scenario;
import dev.ashmem.stress.scenario.Scenarios;
import dev.ashmem.stress.scenario.SerialOrders;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.Outcome;

/**
 * The outcomes each jcstress test accepts are exactly those the model gives over every serial order
 * of its scenario's steps: nothing a correct device may do is graded FORBIDDEN, nothing the spec
 * forbids is accepted.
 */
class DeclaredOutcomesTest {
    static final List<Scenario> SCENARIOS = Scenarios.ALL;
    /** Outcome ids are regular expressions to jcstress; ours match only themselves. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9=,:/ _-]+");

    static List<Outcome> outcomes(Scenario scenario) throws ClassNotFoundException {
        var test = Class.forName("dev.ashmem.stress.tests." + scenario.name());
        return List.of(test.getAnnotationsByType(Outcome.class));
    }

    private static Set<String> ids(List<Outcome> outcomes, Set<Expect> expects) {
        return outcomes.stream().filter(o -> expects.contains(o.expect()) && !isDefault(o))
                .flatMap(o -> Arrays.stream(o.id())).collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean isDefault(Outcome o) {
        return o.id().length == 1 && o.id()[0].isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SCENARIOS")
    void acceptableOutcomesAreExactlyTheModels(Scenario scenario) throws Exception {
        var model = SerialOrders.of(scenario);
        var declared = ids(outcomes(scenario), Set.of(Expect.ACCEPTABLE, Expect.ACCEPTABLE_INTERESTING));

        var missing = new TreeSet<>(model.keySet());
        missing.removeAll(declared);
        var extra = new TreeSet<>(declared);
        extra.removeAll(model.keySet());
        assertThat(missing).as("outcomes the model allows that %s does not accept, each with a trace of a serial order giving it:%n%s",
                scenario, missing.stream().map(o -> OutcomeTraces.of(scenario, o).orElseThrow()).collect(Collectors.joining("\n"))).isEmpty();
        assertThat(extra).as("outcomes %s accepts that no serial order gives", scenario).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SCENARIOS")
    void everyOtherOutcomeIsForbiddenAndDescribed(Scenario scenario) throws Exception {
        var outcomes = outcomes(scenario);
        assertThat(outcomes).filteredOn(DeclaredOutcomesTest::isDefault).singleElement()
                .satisfies(o -> assertThat(o.expect()).isEqualTo(Expect.FORBIDDEN));
        assertThat(outcomes).allSatisfy(o -> assertThat(o.desc()).as("desc of %s", List.of(o.id())).isNotBlank());

        var forbidden = ids(outcomes, Set.of(Expect.FORBIDDEN));
        assertThat(forbidden).as("named FORBIDDEN outcomes of %s that the model allows", scenario)
                .doesNotContainAnyElementsOf(SerialOrders.of(scenario).keySet());

        var all = outcomes.stream().filter(o -> !isDefault(o)).flatMap(o -> Arrays.stream(o.id())).toList();
        assertThat(all).as("outcome ids of %s", scenario).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches(PLAIN));
    }
}
