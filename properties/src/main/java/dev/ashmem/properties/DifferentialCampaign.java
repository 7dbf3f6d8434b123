package dev.ashmem.properties;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.RuleCatalogue;
import dev.ashmem.pbt.Config;
import dev.ashmem.pbt.Pbt;
import dev.ashmem.pbt.Result;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The verification campaign's differential part: rounds of the differential property against an
 * implementation until a budget of tries or time is spent, with a progress line and a closing summary.
 * Each distinct failure (by {@link #signature}) is written once, as it is found, to {@code out}:
 * {@code failure-N.trace} (the minimal chain in the trace format, for {@code ./ashmem replay}) and
 * {@code failure-N.txt} (the engine's report: seed, steps, the check that failed, the replay encoding).
 * Later failures with a signature already written are only counted. {@code ./ashmem campaign}
 * (dev.ashmem.cli) runs it; the counters may be read from another thread (an interrupt handler) while
 * it runs.
 */
public final class DifferentialCampaign {
    /** What makes two failures the same one: for example deciding rule + operation kind + {@link Mismatch}. */
    public interface Signature extends Function<FailingStep, String> {
    }

    private final IntFunction<AshmemDevice> devices;
    private final Signature signature;
    private final Path out;
    private final PrintStream stdout;
    /** Nanoseconds, as System.nanoTime: the time budget is measured on it. */
    private final LongSupplier clock;
    private volatile long chains;
    private volatile long actions;
    private volatile long repeats;
    private volatile boolean stopped;
    /** Signature -> the file stem it was written under, in the order found. */
    private final Map<String, String> written = new LinkedHashMap<>();

    public DifferentialCampaign(IntFunction<AshmemDevice> devices, Signature signature, Path out, PrintStream stdout) {
        this(devices, signature, out, stdout, System::nanoTime);
    }

    /** The same, with the time budget measured on {@code clock} (a test's clock makes a spent budget exact). */
    public DifferentialCampaign(IntFunction<AshmemDevice> devices, Signature signature, Path out, PrintStream stdout, LongSupplier clock) {
        this.devices = devices;
        this.signature = signature;
        this.out = out;
        this.stdout = stdout;
        this.clock = clock;
    }

    /** Ends the run after the round under way (an interrupt); run() then returns without its closing lines. */
    public void stop() {
        stopped = true;
    }

    /** Chains run so far. */
    public long chains() {
        return chains;
    }

    /** Actions checked so far (setup steps not counted). */
    public long actions() {
        return actions;
    }

    /** Distinct failures found (and written) so far. */
    public synchronized int distinctFailures() {
        return written.size();
    }

    /** Failures found again after their signature was written. */
    public long repeats() {
        return repeats;
    }

    /**
     * Runs rounds until the budget is spent: {@code maxTries} chains (0: no limit) or {@code time}, whichever
     * comes first; true when nothing failed and at least one action was checked (a run that checked nothing
     * is not a pass).
     */
    public boolean run(long maxTries, Duration time, long seed, List<Integer> pageSizes) throws IOException {
        stdout.printf(Locale.ROOT, "campaign: seed %d, budget %s, page sizes %s%n", seed,
                maxTries > 0 ? maxTries + " tries" : time.toSeconds() + " s", pageSizes);
        long start = clock.getAsLong();
        long deadline = start + time.toNanos();
        var random = new SplittableRandom(seed);
        var rules = new TreeMap<String, Long>();
        int round = 0;
        var progress = ProgressLine.to(stdout);
        while (!stopped && clock.getAsLong() < deadline && (maxTries == 0 || chains < maxTries)) {
            int pageSize = pageSizes.get(round % pageSizes.size());
            long roundSeed = random.nextLong();
            int roundTries = (int) Math.min(200, maxTries == 0 ? 200 : maxTries - chains);
            var config = Config.defaults().withTries(roundTries).withMaxSteps(80).withSeed(roundSeed)
                    .withTime(Duration.ofNanos(Math.max(1, deadline - clock.getAsLong()))).withDatabase(null);
            var failing = new AtomicReference<DevicePair>();
            var failingStep = new AtomicReference<FailingStep>();
            var result = Pbt.check("campaign P=" + pageSize + " round " + round, config.withPageSize(pageSize),
                    Differential.machine(devices, pageSize, Capabilities.full(), pair -> {
                        failing.set(pair);
                        failingStep.set(pair.lastStep());
                    })::run);
            chains += result.tries();
            actions += result.steps();
            result.statistics().labels().forEach((label, stat) -> {
                if (!label.startsWith("action:")) {
                    rules.merge(label, stat.hits(), Long::sum);
                }
            });
            if (result instanceof Result.Failed f) {
                record(f, failing.get(), failingStep.get());
            }
            round++;
            if (stopped) {
                return false; // whoever stopped the run prints its summary
            }
            double secs = (clock.getAsLong() - start) / 1e9;
            progress.update(String.format(Locale.ROOT, "  %,d actions checked, %,.0f actions/s, %d/%d rules covered, %d failure(s)",
                    actions, actions / secs, covered(rules), RuleCatalogue.SEQUENTIAL.size(), distinctFailures()));
        }
        progress.finish();
        double secs = (clock.getAsLong() - start) / 1e9;
        stdout.printf(Locale.ROOT, "campaign done: %,d chains, %,d actions in %.1f s (%,.0f actions/s), seed %d%n",
                chains, actions, secs, actions / secs, seed);
        var missing = RuleCatalogue.SEQUENTIAL.stream().filter(r -> !rules.containsKey(r)).sorted().toList();
        stdout.printf("rules covered: %d of %d sequential rules%s%n", covered(rules), RuleCatalogue.SEQUENTIAL.size(),
                missing.isEmpty() ? "" : "; not reached: " + missing);
        int distinct = distinctFailures();
        stdout.println(distinct == 0 ? "no failures"
                : distinct + " distinct failure(s), traces in " + out + (repeats == 0 ? "" : " (" + repeats + " repeat(s) not written)"));
        if (actions == 0 && distinct == 0) {
            stdout.println("checked nothing: the budget ran out before the first action; a run that checked nothing is not a pass");
        }
        CoverageFile.write(out, rules);
        return distinct == 0 && actions > 0;
    }

    /** Writes a failure unless one with its signature was written already. */
    private void record(Result.Failed f, DevicePair pair, FailingStep step) throws IOException {
        // No pair: the engine's report alone says what failed (the device could not even be created).
        String key = step != null ? signature.apply(step) : "no step: " + f.counterexample().signature();
        String stem;
        synchronized (this) {
            if (written.containsKey(key)) {
                repeats++;
                stdout.println("\nfailure again (" + key + "), already written as " + out.resolve(written.get(key) + ".trace"));
                return;
            }
            stem = "failure-" + (written.size() + 1);
            written.put(key, stem);
        }
        Files.createDirectories(out);
        var report = out.resolve(stem + ".txt");
        Files.writeString(report, "failure signature: " + key + "\n" + f.report());
        String where = report.toString();
        if (pair != null) {
            var trace = out.resolve(stem + ".trace");
            Files.writeString(trace, pair.trace());
            where = trace + " and " + report;
        }
        stdout.println("\nFAILURE " + key + " (written to " + where + "):\n" + f.report());
    }

    private static long covered(Map<String, Long> rules) {
        return RuleCatalogue.SEQUENTIAL.stream().filter(rules::containsKey).count();
    }
}
