package dev.ashmem.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.stress.scenario.Scenario;
import dev.ashmem.stress.scenario.Scenarios;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.infra.runners.TestList;

/** The annotation processor ran: its test list names exactly one jcstress test per scenario. */
class TestListTest {

    @Test
    void everyScenarioHasAGeneratedTestAndNothingElseDoes() {
        var expected = Scenarios.ALL.stream().map(Scenario::name).map(n -> "dev.ashmem.stress.tests." + n).toList();
        assertThat(TestList.tests()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyTestHasTwoActors() {
        // jcstress gives each actor a CPU: two-actor tests run on a two-core machine, three would not.
        assertThat(TestList.tests()).allSatisfy(t -> assertThat(TestList.getInfo(t).threads()).as(t).isEqualTo(2));
    }
}
