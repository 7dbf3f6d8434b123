package dev.ashmem.pbt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The outcome of running a property. Every variant carries the run's counts and a printable report. */
public sealed interface Result permits Result.Passed, Result.Failed, Result.GaveUp, Result.CoverageMissed {

    /** Facts common to every outcome. {@code seed} is null for a replay of given choices. */
    record Run(String property, Long seed, long tries, long discarded, long steps, Duration elapsed,
            Statistics statistics) {}

    /** Where a failure came from. */
    enum Origin { SEARCH, DATABASE, REPLAY }

    Run run();

    String report();

    default boolean passed() {
        return this instanceof Passed;
    }

    default long tries() {
        return run().tries();
    }

    default long steps() {
        return run().steps();
    }

    default Statistics statistics() {
        return run().statistics();
    }

    default Long seed() {
        return run().seed();
    }

    /** Returns this result if it passed, else throws {@link PropertyFailure} carrying the report. */
    default Result orThrow() {
        if (!passed()) throw new PropertyFailure(this);
        return this;
    }

    /** All tries passed (and coverage, if required, was reached). {@code timedOut}: the time budget cut the search short. */
    record Passed(Run run, boolean timedOut, Supplier<String> text) implements Result {
        /** Written when asked for: a campaign runs one check per chain and never prints a pass. */
        @Override
        public String report() {
            return text.get();
        }
    }

    /**
     * A failure, shrunk. {@code shrinkRuns} test cases were executed while shrinking and {@code shrinks}
     * of them were improvements; {@code flaky} means the minimal case did not fail the same way when re-run.
     * {@code others} are further failures of the same run with other {@link FailureSignature}s, each shrunk
     * on its own (only with {@link Config#maxFailures()} above 1); {@code report} describes them all.
     */
    record Failed(Run run, Counterexample counterexample, Origin origin, int shrinkRuns, int shrinks,
            boolean shrinkBudgetExhausted, boolean flaky, String report, List<Failed> others) implements Result {

        public Failed {
            others = List.copyOf(others);
        }

        public String encoding() {
            return counterexample.encoding();
        }

        /** This failure and the others, in the order they were found. */
        public List<Failed> all() {
            var out = new ArrayList<Failed>(1 + others.size());
            out.add(this);
            out.addAll(others);
            return out;
        }
    }

    /** Too many test cases were discarded (by filters or assumptions) to run the property meaningfully. */
    record GaveUp(Run run, String reason, String report) implements Result {}

    /** Every try passed, but some required labels were hit too rarely: label -> hits observed. */
    record CoverageMissed(Run run, Map<String, Long> missing, String report) implements Result {}
}
