package dev.ashmem.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.stress.scenario.Action;
import dev.ashmem.stress.scenario.Run;
import dev.ashmem.stress.scenario.Scenario;
import dev.ashmem.stress.scenario.Scenarios;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.openjdk.jcstress.annotations.Actor;

/**
 * Each jcstress test's actor methods call exactly the operations of its scenario, each actor in its
 * program order: what a test file shows is what the model's outcomes were derived from.
 */
class ActorsNameTheirScenarioTest {
    static final List<Scenario> SCENARIOS = Scenarios.ALL;

    @ParameterizedTest(name = "{0}")
    @FieldSource("SCENARIOS")
    void theActorMethodsCallTheScenariosActionsInOrder(Scenario scenario) throws Exception {
        var test = Class.forName("dev.ashmem.stress.tests." + scenario.name());
        Object state = test.getConstructor().newInstance();
        var field = test.getDeclaredField("run");
        field.setAccessible(true);
        var run = (Run) field.get(state);
        var called = new ArrayList<List<String>>();
        try {
            for (var method : test.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Actor.class)) {
                    var calls = run.recordCalls(); // records only: an actor alone may wait forever (Pin_01)
                    method.invoke(state);
                    called.add(List.copyOf(calls));
                }
            }
        } finally {
            run.close();
        }
        var expected = scenario.actors().stream().map(actions -> actions.stream().map(Action::call).toList()).toList();
        assertThat(called).as("the operations of each @Actor method of %s", test.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(expected);
    }
}
