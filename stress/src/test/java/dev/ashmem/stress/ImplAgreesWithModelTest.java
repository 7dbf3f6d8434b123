package dev.ashmem.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.stress.scenario.ImplTarget;
import dev.ashmem.stress.scenario.Scenario;
import dev.ashmem.stress.scenario.Scenarios;
import dev.ashmem.stress.scenario.SerialOrders;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * A quick check before any jcstress run: the scenarios run on the reference implementation with two
 * real threads, and every outcome is one the model allows. It catches a scenario whose rendering
 * differs between model and implementation long before a campaign would.
 */
class ImplAgreesWithModelTest {
    static final List<Scenario> SCENARIOS = Scenarios.ALL;
    private static final int ROUNDS = 300;
    private static ExecutorService actors;

    @BeforeAll
    static void start() {
        actors = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        actors.shutdownNow();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SCENARIOS")
    void everyOutcomeOfTheImplementationIsAllowedByTheModel(Scenario scenario) throws Exception {
        var allowed = SerialOrders.of(scenario).keySet();
        var seen = new TreeMap<String, Integer>();
        for (int i = 0; i < ROUNDS; i++) {
            var run = scenario.start(); // pooled: from the second round on, a reset run (RunPool)
            var barrier = new CyclicBarrier(2);
            Future<?> a0 = actors.submit(() -> {
                barrier.await();
                run.actor(0);
                return null;
            });
            Future<?> a1 = actors.submit(() -> {
                barrier.await();
                run.actor(1);
                return null;
            });
            a0.get(10, TimeUnit.SECONDS);
            a1.get(10, TimeUnit.SECONDS);
            seen.merge(run.finish(), 1, Integer::sum);
        }
        assertThat(seen.keySet()).as("outcomes seen %s", seen).isSubsetOf(allowed);
    }
}
