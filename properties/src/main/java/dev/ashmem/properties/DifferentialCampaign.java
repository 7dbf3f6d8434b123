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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The verification campaign's differential part: chains of the differential property against an
 * implementation, each with the seed {@link CampaignPlan#chainSeed} gives it, on one or more threads (each
 * chain has its own devices; the model and the reference implementation share no mutable state between
 * instances), until a budget of tries or time is spent, with one progress line and a closing summary.
 * Each distinct failure (by {@link #signature}) is written once, as it is found, to {@code out}:
 * {@code failure-N.trace} (the minimal chain in the trace format, for {@code ./ashmem replay}) and
 * {@code failure-N.txt} (the engine's report: seed, steps, the check that failed, the replay encoding).
 * Later failures with a signature already written are only counted; at the end the files are rewritten in
 * chain order, each from the lowest chain that showed its signature, beside {@link CoverageFile} and
 * {@link CampaignSummary} (what {@code ./ashmem campaign merge} reads). {@code ./ashmem campaign}
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
    /** Signature -> the failure kept for it, in the order found (guarded by this). */
    private final Map<String, Found> written = new LinkedHashMap<>();
    /** Hits per rule label over every chain run (guarded by this). */
    private final Map<String, Long> rules = new TreeMap<>();
    private long start;
    private ProgressLine progress;

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

    /** The single-threaded, unsharded run: {@code maxTries} chains (0: no limit) or {@code time}, whichever comes first. */
    public boolean run(long maxTries, Duration time, long seed, List<Integer> pageSizes) throws IOException {
        return run(CampaignPlan.of(seed, maxTries, time, pageSizes));
    }

    /**
     * Runs the plan's chains on {@code plan.jobs()} threads until its budget is spent, then writes the rule
     * coverage, the {@link CampaignSummary} and the failures (rewritten in chain order, so the files do not
     * depend on which thread found what first); true when nothing failed and at least one action was
     * checked (a run that checked nothing is not a pass).
     */
    public boolean run(CampaignPlan plan) throws IOException {
        stdout.printf(Locale.ROOT, "campaign: seed %d, budget %s, page sizes %s, %d job(s)%s%n", plan.seed(), plan.budget(),
                plan.pageSizes(), plan.jobs(), plan.shard().equals(Shard.ALL) ? "" : ", shard " + plan.shard());
        // What an earlier run left in the same directory must not pass for this one's: its summary (if this one is
        // interrupted), its coverage, and its failures, which the HTML report would list as this run's.
        Files.deleteIfExists(out.resolve(CampaignSummary.NAME));
        Files.deleteIfExists(out.resolve(CoverageFile.NAME));
        if (Files.isDirectory(out)) {
            try (var old = Files.list(out)) {
                for (var f : old.filter(f -> f.getFileName().toString().matches("failure-[0-9]+\\.(trace|txt)")).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
        start = clock.getAsLong();
        long deadline = start + plan.time().toNanos();
        progress = ProgressLine.to(stdout);
        var next = new AtomicLong();
        var workers = new ArrayList<Future<?>>();
        // Each worker takes the next chain of the slice; a chain's result does not depend on which worker runs it.
        var pool = Executors.newFixedThreadPool(plan.jobs(), Thread.ofPlatform().name("campaign-", 1).daemon().factory());
        boolean hung = false;
        try {
            for (int j = 0; j < plan.jobs(); j++) {
                workers.add(pool.submit(() -> {
                    long position;
                    while (!stopped && clock.getAsLong() < deadline && (position = next.getAndIncrement()) < plan.limit()) {
                        long k = plan.chainAt(position);
                        CallWatch.chain(k);
                        runChain(plan, k, deadline);
                    }
                    CallWatch.chain(-1);
                    return null;
                }));
            }
            for (var w : workers) {
                try {
                    // Waits in slices: a call into the implementation that does not return ends the run (it cannot be stopped).
                    while (true) {
                        try {
                            w.get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                            break;
                        } catch (java.util.concurrent.TimeoutException slice) {
                            var call = CallWatch.longerThan(actionTimeout.toNanos());
                            if (call.isPresent()) {
                                hung = true;
                                stopped = true;
                                hang(plan, call.get());
                                return false;
                            }
                        }
                    }
                } catch (ExecutionException e) {
                    stopped = true;
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException("a campaign worker failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    stopped = true;
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        } finally {
            if (hung) {
                pool.shutdownNow(); // the hung worker is a daemon thread: it does not keep the JVM
            } else {
                pool.close();
            }
        }
        if (stopped) {
            return false; // whoever stopped the run prints its summary
        }
        progress.finish();
        double secs = (clock.getAsLong() - start) / 1e9;
        stdout.printf(Locale.ROOT, "campaign done: %,d chains, %,d actions in %.1f s (%,.0f actions/s), seed %d%n",
                chains, actions, secs, actions / secs, plan.seed());
        var missing = RuleCatalogue.SEQUENTIAL.stream().filter(r -> !rules.containsKey(r)).sorted().toList();
        stdout.printf("rules covered: %d of %d sequential rules%s%n", covered(rules), RuleCatalogue.SEQUENTIAL.size(),
                missing.isEmpty() ? "" : "; not reached: " + missing);
        var failures = canonicalFailures();
        int distinct = failures.size();
        stdout.println(distinct == 0 ? "no failures"
                : distinct + " distinct failure(s), traces in " + out + (repeats == 0 ? "" : " (" + repeats + " repeat(s) not written)"));
        for (var f : failures) {
            stdout.println("  " + f.stem() + ": " + f.signature() + ", first in chain " + f.chain() + " of " + f.count()
                    + "; alone (plus the run's --impl, if any): " + plan.reproduce(f.chain()));
        }
        if (actions == 0 && distinct == 0) {
            // A chain's length is geometric from 0 (StateMachine), so a few chains can all be empty.
            stdout.println(chains == 0 ? "checked nothing: the budget ran out before the first action; a run that checked nothing is not a pass"
                    : "checked nothing: " + (chains == 1 ? "the only chain" : "all " + chains + " chains") + " drew no step (a chain's length is"
                    + " random: give more --tries or another --seed); a run that checked nothing is not a pass");
        }
        CoverageFile.write(out, rules);
        new CampaignSummary(plan.seed(), plan.shard(), plan.budget(), plan.pageSizes(), plan.jobs(), chains, actions, secs, failures)
                .write(out);
        return distinct == 0 && actions > 0;
    }

    /** How long one call into the implementation may take before the run counts it as hung. */
    private Duration actionTimeout = Duration.ofSeconds(60);

    /** Sets how long one call into the implementation may take before the run stops and reports it hung. */
    public DifferentialCampaign actionTimeout(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("an action time-out must be more than zero: " + d);
        }
        this.actionTimeout = d;
        return this;
    }

    /**
     * A call that did not return: a failure of the implementation, written with the others (a report, no
     * trace: the chain's steps before it are not known outside its thread), and the end of the run.
     */
    private synchronized void hang(CampaignPlan plan, CallWatch.Call call) throws IOException {
        progress.finish();
        String op = call.op() == null ? "a call" : call.op().toString();
        String key = "HANG: " + op.split("[ (]", 2)[0] + " did not return";
        String what = "the implementation did not return from " + op + " within " + actionTimeout.toSeconds() + " s ("
                + String.format(Locale.ROOT, "%.1f", call.nanos() / 1e9) + " s so far, thread " + call.thread()
                + (call.chain() >= 0 ? ", chain " + call.chain() : "") + "); the run stops here: a call that hangs cannot be stopped";
        long k = Math.max(0, call.chain());
        var found = new Found(k, plan.chainSeed(k), "failure-" + (written.size() + 1), null,
                "failure signature: " + key + "\n" + what + "\nthe chain alone (plus the run's --impl, if any): " + plan.reproduce(k) + "\n", 1);
        written.put(key, found);
        String where = found.write(out);
        stdout.println("\nFAILURE " + key + " (written to " + where + "): " + what);
        double secs = (clock.getAsLong() - start) / 1e9;
        var failures = canonicalFailures();
        CoverageFile.write(out, rules);
        new CampaignSummary(plan.seed(), plan.shard(), plan.budget(), plan.pageSizes(), plan.jobs(), chains, actions, secs, failures)
                .write(out);
        stdout.printf(Locale.ROOT, "campaign stopped: %,d chains, %,d actions in %.1f s; %d distinct failure(s), traces and reports in %s%n",
                chains, actions, secs, failures.size(), out);
    }

    /** One chain: its own seed and page size, one try of the differential property, shrunk if it fails. */
    private void runChain(CampaignPlan plan, long k, long deadline) throws IOException {
        int pageSize = plan.pageSize(k);
        long chainSeed = plan.chainSeed(k);
        var config = Config.defaults().withTries(1).withMaxSteps(80).withSeed(chainSeed)
                .withTime(Duration.ofNanos(Math.max(1, deadline - clock.getAsLong()))).withDatabase(null);
        var failing = new AtomicReference<DevicePair>();
        var failingStep = new AtomicReference<FailingStep>();
        var result = Pbt.check("campaign chain " + k + " P=" + pageSize, config.withPageSize(pageSize),
                Differential.machine(devices, pageSize, Capabilities.full(), pair -> {
                    failing.set(pair);
                    failingStep.set(pair.lastStep());
                })::run);
        synchronized (this) {
            chains += result.tries();
            actions += result.steps();
            result.statistics().labels().forEach((label, stat) -> {
                if (!label.startsWith("action:")) {
                    rules.merge(label, stat.hits(), Long::sum);
                }
            });
            if (result instanceof Result.Failed f) {
                record(k, chainSeed, plan, f, failing.get(), failingStep.get());
            }
            if (!stopped && progress.due()) {
                double secs = (clock.getAsLong() - start) / 1e9;
                progress.update(String.format(Locale.ROOT, "  %,d actions checked, %,.0f actions/s, %d/%d rules covered, %d failure(s)",
                        actions, actions / secs, covered(rules), RuleCatalogue.SEQUENTIAL.size(), written.size()));
            }
        }
    }

    /**
     * Writes a failure unless one with its signature was written already; a repeat from a lower chain (another
     * thread was quicker) becomes the one kept, written at the end of the run.
     */
    private synchronized void record(long k, long chainSeed, CampaignPlan plan, Result.Failed f, DevicePair pair, FailingStep step) throws IOException {
        // No pair: the engine's report alone says what failed (the device could not even be created).
        String key = step != null ? signature.apply(step) : "no step: " + f.counterexample().signature();
        String trace = pair != null ? pair.trace() : null;
        String report = "failure signature: " + key + "\nchain " + k + " (seed " + chainSeed + "; alone (plus the run's --impl, if any): " + plan.reproduce(k) + ")\n" + f.report();
        var seen = written.get(key);
        if (seen != null) {
            repeats++;
            written.put(key, seen.chain() <= k ? seen.again() : new Found(k, chainSeed, seen.stem(), trace, report, seen.count() + 1));
            stdout.println("\nfailure again (" + key + "), already written as " + out.resolve(seen.stem() + ".trace") + "; chain " + k);
            return;
        }
        var found = new Found(k, chainSeed, "failure-" + (written.size() + 1), trace, report, 1);
        written.put(key, found);
        String where = found.write(out);
        stdout.println("\nFAILURE " + key + " (written to " + where + "), chain " + k + ":\n" + f.report()
                + "This chain alone (plus the run's --impl, if any): " + plan.reproduce(k));
    }

    /**
     * The distinct failures in chain order, numbered in that order, and their files rewritten so: the results
     * of a run with --tries are the same files whatever the number of jobs.
     */
    private synchronized List<CampaignSummary.Failure> canonicalFailures() throws IOException {
        var byChain = written.entrySet().stream().sorted(Comparator.comparingLong(e -> e.getValue().chain())).toList();
        for (var e : byChain) {
            Files.deleteIfExists(out.resolve(e.getValue().stem() + ".trace"));
            Files.deleteIfExists(out.resolve(e.getValue().stem() + ".txt"));
        }
        var failures = new ArrayList<CampaignSummary.Failure>();
        written.clear();
        for (var e : byChain) {
            var f = e.getValue().renamed("failure-" + (failures.size() + 1));
            f.write(out);
            written.put(e.getKey(), f);
            failures.add(new CampaignSummary.Failure(e.getKey(), f.chain(), f.chainSeed(), f.stem(), f.count()));
        }
        return failures;
    }

    /** A distinct failure as kept: the lowest chain that showed it so far, and how many chains did. */
    private record Found(long chain, long chainSeed, String stem, String trace, String report, long count) {
        Found again() {
            return new Found(chain, chainSeed, stem, trace, report, count + 1);
        }

        Found renamed(String newStem) {
            return new Found(chain, chainSeed, newStem, trace, report, count);
        }

        /** Writes the report and, when there is one, the trace; says where. */
        String write(Path dir) throws IOException {
            Files.createDirectories(dir);
            var txt = dir.resolve(stem + ".txt");
            Files.writeString(txt, report);
            if (trace == null) {
                return txt.toString();
            }
            var tr = dir.resolve(stem + ".trace");
            Files.writeString(tr, trace);
            return tr + " and " + txt;
        }
    }

    private static long covered(Map<String, Long> rules) {
        return RuleCatalogue.SEQUENTIAL.stream().filter(rules::containsKey).count();
    }
}
