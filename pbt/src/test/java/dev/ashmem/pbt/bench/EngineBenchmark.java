package dev.ashmem.pbt.bench;

import dev.ashmem.pbt.Action;
import dev.ashmem.pbt.ChoiceSequence;
import dev.ashmem.pbt.Choices;
import dev.ashmem.pbt.Config;
import dev.ashmem.pbt.Gen;
import dev.ashmem.pbt.Gens;
import dev.ashmem.pbt.IntGen;
import dev.ashmem.pbt.LongGen;
import dev.ashmem.pbt.Result;
import dev.ashmem.pbt.StateMachine;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The engine's own overhead, single-threaded: values generated per second and state-machine steps per
 * second on a trivial machine (a counter), so that a property's cost is dominated by the code under test.
 * Run with the command in ENGINE.md (one core: {@code taskset -c 0}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:ActiveProcessorCount=1", "-XX:-OmitStackTraceInFastThrow"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class EngineBenchmark {

    private static final int DRAWS = 1000;

    private final LongGen longs = Gens.longs(0, 1L << 40);
    private final IntGen smallInts = Gens.ints(-100, 100);
    private final Gen<List<Integer>> lists = Gens.lists(Gens.ints(0, 1000), 0, 20);
    private SplittableRandom random;
    private ChoiceSequence recorded;

    /** A trivial machine: a counter with a model, so the measurement is the engine's own cost. */
    static final class Counter {
        long value;
        long model;
    }

    static final StateMachine<Counter> MACHINE = StateMachine.of(Counter::new)
            .action(Action.<Counter>run("add", (s, step) -> {
                long d = step.drawLong(Gens.longs(0, 100));
                s.value += d;
                s.model += d;
            }))
            .action(Action.<Counter>call("read", (s, step) -> s.value)
                    .ensure("read matches model", (s, r) -> (long) r == s.model))
            .action(Action.<Counter>run("reset", (s, step) -> {
                s.value = 0;
                s.model = 0;
            }).when(s -> s.value > 0))
            .invariant("non-negative", s -> s.value >= 0);

    static final Config MACHINE_CONFIG = Config.defaults().withSeed(1L).withTries(100).withMaxSteps(100);

    /** Steps executed, reported by JMH as steps per second next to the runs per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Steps {
        public long steps;

        @Setup(Level.Iteration)
        public void reset() {
            steps = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        random = new SplittableRandom(42);
        Choices c = Choices.generating(new SplittableRandom(7), 1_000_000, 4096);
        for (int i = 0; i < DRAWS; i++) longs.drawLong(c);
        recorded = c.recorded();
    }

    /** Longs with edge-case bias, drawn from the PRNG and recorded: values per second. */
    @Benchmark
    @OperationsPerInvocation(DRAWS)
    public long generateLongs() {
        Choices c = Choices.generating(random.split(), 1_000_000, 4096);
        long sum = 0;
        for (int i = 0; i < DRAWS; i++) sum += longs.drawLong(c);
        return sum;
    }

    /** Small signed ints (sign + magnitude draws): values per second. */
    @Benchmark
    @OperationsPerInvocation(DRAWS)
    public long generateInts() {
        Choices c = Choices.generating(random.split(), 1_000_000, 4096);
        long sum = 0;
        for (int i = 0; i < DRAWS; i++) sum += smallInts.drawInt(c);
        return sum;
    }

    /** Lists of up to 20 boxed ints: lists per second. */
    @Benchmark
    @OperationsPerInvocation(100)
    public int generateLists() {
        Choices c = Choices.generating(random.split(), 1_000_000, 4096);
        int n = 0;
        for (int i = 0; i < 100; i++) n += lists.draw(c).size();
        return n;
    }

    /** Replaying a recorded sequence, as the shrinker does: values per second. */
    @Benchmark
    @OperationsPerInvocation(DRAWS)
    public long replayLongs() {
        Choices c = Choices.replaying(recorded, 1_000_000, 4096);
        long sum = 0;
        for (int i = 0; i < DRAWS; i++) sum += longs.drawLong(c);
        return sum;
    }

    /** A whole passing property run of the trivial machine (100 chains of up to 100 steps). */
    @Benchmark
    public Result stateMachineRun(Steps counter) {
        Result r = MACHINE.check("bench", MACHINE_CONFIG);
        counter.steps += r.steps();
        return r;
    }

    public static void main(String[] args) throws RunnerException {
        var options = new OptionsBuilder().include(EngineBenchmark.class.getName() + (args.length > 0 ? "." + args[0] : ""));
        new Runner(options.build()).run();
    }
}
