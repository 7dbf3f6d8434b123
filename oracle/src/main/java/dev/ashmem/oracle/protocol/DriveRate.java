package dev.ashmem.oracle.protocol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The strength of {@code drive} as a rate: each target is driven once per seed 1..N with the same budget, and
 * a broken target counts as caught on a seed when the search finds a failing sequence. Shrinking is skipped
 * (it does not change whether a seed catches), so a run costs what finding the failure costs.
 */
public final class DriveRate {
    /** What to measure: a name, whether drive must catch it, the command a user would drive, and how to start it. */
    public record Target(String name, boolean broken, String command, Supplier<? extends ServerConnection> server) {
    }

    /** drive's budget for every run. */
    public record Budget(int sequences, int steps, Duration timeout, Duration grace) {
    }

    /** One seed's drive report. */
    public record Run(Target target, long seed, Driver.Report report) {
        /** A one-line account for progress output. */
        public String describe() {
            String what = report.found()
                    ? "caught after " + report.sequencesToFailure() + " sequences (" + report.requestsToFailure() + " requests)"
                    : report.passed() ? "passed" : "ERROR: " + firstLine(report.text());
            return target.name() + " seed " + seed + ": " + what;
        }
    }

    /** A target's runs over every seed, judged against the number of seeds it must be caught on. */
    public record Row(Target target, List<Run> runs, int required) {
        public long caught() {
            return runs.stream().filter(r -> r.report().found()).count();
        }

        /** Runs that neither passed nor found a failure: the server did not start, or drive gave up. */
        public List<Run> errors() {
            return runs.stream().filter(r -> !r.report().passed() && !r.report().found()).toList();
        }

        /** A broken target is caught on at least {@code required} seeds; the correct one passes every seed. */
        public boolean ok() {
            return errors().isEmpty() && (target.broken() ? caught() >= required : caught() == 0);
        }

        public double medianSequences() {
            return median(runs.stream().filter(r -> r.report().found()).mapToLong(r -> r.report().sequencesToFailure()).toArray());
        }

        public double medianRequests() {
            return median(runs.stream().filter(r -> r.report().found()).mapToLong(r -> r.report().requestsToFailure()).toArray());
        }

        public String verdict() {
            if (!errors().isEmpty()) {
                return "ERROR on seed " + errors().getFirst().seed();
            }
            if (target.broken()) {
                return caught() >= required ? "ok" : "BELOW " + required + "/" + runs.size();
            }
            return caught() == 0 ? "ok (passed every seed)"
                    : "FAILED on seed " + runs.stream().filter(r -> r.report().found()).findFirst().orElseThrow().seed();
        }
    }

    private DriveRate() {
    }

    /**
     * Drives every target on seeds 1..{@code seeds}, {@code jobs} runs at a time; {@code progress} hears of each
     * run as it ends. Rows come back in the targets' order, runs in seed order.
     */
    public static List<Row> measure(List<Target> targets, int seeds, int required, Budget budget, int jobs, Consumer<Run> progress) {
        var pending = new ArrayList<List<Future<Run>>>();
        try (var pool = Executors.newFixedThreadPool(Math.max(1, jobs))) {
            for (var t : targets) {
                var runs = new ArrayList<Future<Run>>();
                for (long seed = 1; seed <= seeds; seed++) {
                    long s = seed;
                    runs.add(pool.submit(() -> {
                        var run = new Run(t, s, drive(t, s, budget));
                        synchronized (progress) {
                            progress.accept(run);
                        }
                        return run;
                    }));
                }
                pending.add(runs);
            }
            var rows = new ArrayList<Row>();
            for (int i = 0; i < targets.size(); i++) {
                var runs = new ArrayList<Run>();
                for (var f : pending.get(i)) {
                    runs.add(f.get());
                }
                rows.add(new Row(targets.get(i), runs, required));
            }
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a drive run failed: " + e.getCause(), e.getCause());
        }
    }

    /** One drive run as {@code drive --seed S} with the budget, without shrinking. */
    static Driver.Report drive(Target t, long seed, Budget b) {
        var o = new Driver.Options(t.command(), null, seed, b.sequences(), b.steps(), b.timeout(), b.grace(), Duration.ZERO, false);
        return Driver.run(o, t.server());
    }

    /** The table: target, caught k/N, median sequences and requests to the failure, verdict. */
    public static String table(List<Row> rows) {
        int w = Math.max("variant".length(), rows.stream().mapToInt(r -> label(r).length()).max().orElse(0));
        var sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-" + w + "s  %7s  %12s  %12s  %s%n", "variant", "caught", "median seqs", "median reqs", "verdict"));
        for (var r : rows) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s  %7s  %12s  %12s  %s%n", label(r), r.caught() + "/" + r.runs().size(),
                    number(r.medianSequences()), number(r.medianRequests()), r.verdict()));
        }
        return sb.toString();
    }

    private static String label(Row r) {
        return r.target().broken() ? r.target().name() : r.target().name() + " (correct)";
    }

    private static String number(double d) {
        return Double.isNaN(d) ? "-" : d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }

    /** The median of the values (the mean of the middle two for an even count); NaN for none. */
    static double median(long[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        var v = values.clone();
        java.util.Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2.0;
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
