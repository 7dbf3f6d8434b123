package dev.ashmem.pbt;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Runs one property: database replays, random search, shrinking, reporting. */
final class Engine {

    /** Give up when more than this many cases were discarded and fewer than 1 in {@link #DISCARD_RATIO} was valid. */
    private static final int MIN_DISCARDS_TO_GIVE_UP = 200;
    private static final int DISCARD_RATIO = 20;

    private final String name;
    private final Config config;
    private final PropertyBody body;

    Engine(String name, Config config, PropertyBody body) {
        this.name = name;
        this.config = config;
        this.body = body;
    }

    Result run() {
        long start = System.nanoTime();
        String replay = config.replay() == null ? null : replayFor(config.replay(), name);
        if (replay != null) return replay(start, replay);

        long seed = config.seed() != null ? config.seed() : new SplittableRandom().nextLong();
        var database = config.database() == null ? null : new FailureDatabase(config.database());
        var stats = new Statistics.Collector();
        long tries = 0;
        long steps = 0;

        // Failures stored by earlier runs come first: a regression is found at once.
        var found = new FailureSet(config.maxFailures());
        if (database != null) {
            List<ChoiceSequence> stored = database.load(name);
            for (ChoiceSequence s : stored) {
                TestRun run = execute(Choices.replaying(s, config.maxChoices(), config.pageSize()), false, false);
                tries++;
                steps += run.steps();
                found.offer(run);
                if (found.full()) break;
            }
            if (!found.isEmpty()) {
                return failed(found, Result.Origin.DATABASE, seed, tries, 0, steps, start, stats, database);
            }
            if (!stored.isEmpty()) database.delete(name);
        }

        var master = new SplittableRandom(seed);
        long valid = 0;
        long discarded = 0;
        Map<String, Integer> discardSources = new LinkedHashMap<>();
        long timeBudget = nanos(config.time());
        boolean timedOut = false;
        long failedTries = 0;
        // A failing case counts as a try: a property that always fails still ends.
        while (valid + failedTries < config.tries()) {
            if (timeBudget > 0 && System.nanoTime() - start > timeBudget) {
                timedOut = true;
                break;
            }
            Choices choices = Choices.generating(master.split(), config.maxChoices(), config.pageSize());
            TestRun run = execute(choices, false, true);
            steps += run.steps();
            switch (run.status()) {
                case PASSED -> {
                    valid++;
                    tries++;
                    stats.add(run.labels());
                }
                case FAILED -> {
                    tries++;
                    failedTries++;
                    stats.add(run.labels());
                    found.offer(run);
                    // With maxFailures 1 (the default) the search ends at the first failure, as it always did.
                    if (found.full()) {
                        return failed(found, Result.Origin.SEARCH, seed, tries, discarded, steps, start, stats, database);
                    }
                }
                case DISCARDED -> {
                    discarded++;
                    discardSources.merge(describeDiscard(run.discard()), 1, Integer::sum);
                    if (discarded > MIN_DISCARDS_TO_GIVE_UP && discarded > DISCARD_RATIO * valid) {
                        var info = info(seed, tries, discarded, steps, start, stats);
                        String reason = giveUpReason(valid, discarded, discardSources);
                        return new Result.GaveUp(info, reason, Report.gaveUp(info, reason));
                    }
                }
            }
        }
        if (!found.isEmpty()) {
            return failed(found, Result.Origin.SEARCH, seed, tries, discarded, steps, start, stats, database);
        }
        var info = info(seed, tries, discarded, steps, start, stats);
        if (valid == 0) {
            // Not a pass: nothing was checked (every case so far discarded, or the first one outlasted the budget).
            String reason = "no valid case ran within the time budget of " + config.time() + " (" + discarded + " discarded"
                    + (discardSources.isEmpty() ? "" : ": " + discardSources) + ")";
            return new Result.GaveUp(info, reason, Report.gaveUp(info, reason));
        }
        Map<String, Long> missing = missingCoverage(info.statistics());
        if (!missing.isEmpty()) return new Result.CoverageMissed(info, missing, Report.coverageMissed(info, config, missing));
        boolean cut = timedOut;
        return new Result.Passed(info, cut, () -> Report.passed(info, cut, config));
    }

    /**
     * Whether a replay read the given choices as they are: the ones it used are a prefix of them (a case that
     * ends sooner, a fixed bug's state machine say, leaves the rest unread), none clamped, none missing.
     */
    static boolean replayedAsGiven(long[] used, ChoiceSequence given) {
        if (used.length > given.length()) {
            return false;
        }
        for (int i = 0; i < used.length; i++) {
            if (used[i] != given.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** A budget in nanoseconds, saturated at ~73 years so that a deadline computed from it cannot overflow. */
    static long nanos(java.time.Duration d) {
        long cap = Long.MAX_VALUE / 4;
        return d.compareTo(java.time.Duration.ofNanos(cap)) >= 0 ? cap : d.toNanos();
    }

    /**
     * The encoding to replay for property {@code name}: {@code raw} itself, or for the targeted form
     * {@code Class#method=v2.…} the encoding when the target is {@code name} or a suffix of it.
     */
    static String replayFor(String raw, String name) {
        int eq = raw.lastIndexOf('=');
        if (eq < 0) return raw.strip();
        String target = raw.substring(0, eq).strip();
        boolean matches = name.equals(target) || (name.endsWith(target)
                && ".#$".indexOf(name.charAt(name.length() - target.length() - 1)) >= 0);
        return matches ? raw.substring(eq + 1).strip() : null;
    }

    private Result replay(long start, String encoding) {
        ChoiceSequence choices = ChoiceSequence.decode(encoding);
        var stats = new Statistics.Collector();
        TestRun run = execute(Choices.replaying(choices, config.maxChoices(), config.pageSize()), true, true);
        if (run.status() == TestRun.Status.FAILED) {
            var info = new Result.Run(name, null, 1, 0, run.steps(), elapsed(start), Statistics.EMPTY);
            var cx = new Counterexample(run.lines(), run.failure(), ChoiceSequence.wrap(run.choices()), run.signature());
            trimStack(run.failure());
            return new Result.Failed(info, cx, Result.Origin.REPLAY, 0, 0, false, false,
                    Report.failed(info, cx, Result.Origin.REPLAY, 0, 0, false, false), List.of());
        }
        stats.add(run.labels());
        var info = new Result.Run(name, null, run.status() == TestRun.Status.PASSED ? 1 : 0,
                run.status() == TestRun.Status.DISCARDED ? 1 : 0, run.steps(), elapsed(start), stats.snapshot());
        if (run.status() == TestRun.Status.DISCARDED) {
            String reason = "the replayed choices " + encoding + " were discarded by "
                    + describeDiscard(run.discard()) + "; they do not describe a valid case of this property";
            return new Result.GaveUp(info, reason, Report.gaveUp(info, reason));
        }
        if (!replayedAsGiven(run.choices(), choices)) {
            // A value clamped to its bound, or choices missing (read as 0): another case than the recorded one ran.
            String reason = "the replayed choices " + encoding + " do not describe a case of this property as it is now (it used "
                    + ChoiceSequence.wrap(run.choices()).encode() + "): they were recorded for other generators; the case that ran passed";
            return new Result.GaveUp(info, reason, Report.gaveUp(info, reason));
        }
        return new Result.Passed(info, false, () -> Report.replayPassed(info, encoding, run.lines()));
    }

    /**
     * Shrinks every distinct failure found, in the order found; failures of other signatures met while
     * shrinking join the set while it has room (Config#maxFailures), and are shrunk in their turn. With
     * room for one, other signatures met are only named in the report.
     */
    private Result failed(FailureSet found, Result.Origin origin, long seed, long tries, long discarded, long steps,
            long start, Statistics.Collector stats, FailureDatabase database) {
        var info = info(seed, tries, discarded, steps, start, stats);
        var shrunk = new ArrayList<Result.Failed>();
        var seenOnly = new ArrayList<FailureSignature>();
        for (int i = 0; i < found.size(); i++) {
            shrunk.add(shrink(found.get(i), origin, info, other -> {
                if (!found.offer(other) && !found.holds(other.signature())
                        && seenOnly.stream().noneMatch(s -> s.matches(other.signature()))) {
                    seenOnly.add(other.signature());
                }
            }));
        }
        if (database != null) database.save(name, shrunk.stream().map(f -> f.counterexample().choices()).toList());
        Result.Failed first = shrunk.getFirst();
        List<Result.Failed> others = shrunk.subList(1, shrunk.size());
        String report = Report.several(first.report(), others, seenOnly, config.maxFailures());
        return new Result.Failed(info(seed, tries, discarded, steps, start, stats), first.counterexample(), first.origin(), first.shrinkRuns(), first.shrinks(),
                first.shrinkBudgetExhausted(), first.flaky(), report, others);
    }

    private Result.Failed shrink(TestRun found, Result.Origin origin, Result.Run info,
            java.util.function.Consumer<TestRun> otherFailures) {
        long deadline = System.nanoTime() + nanos(config.shrinkTime());
        var shrinker = new Shrinker(
                prefix -> execute(Choices.replaying(prefix, config.maxChoices(), config.pageSize()), false, false),
                found, config.maxShrinks(), deadline, otherFailures);
        TestRun best = shrinker.shrink();
        // Re-run the minimal case once more, this time rendering its description.
        TestRun described = execute(Choices.replaying(best.choices(), config.maxChoices(), config.pageSize()), true, false);
        boolean flaky = !described.failedLike(found.signature());
        TestRun shown = flaky ? best : described;
        List<String> lines = new ArrayList<>(described.lines());
        Throwable failure = shown.failure();
        trimStack(failure);
        var cx = new Counterexample(lines, failure, ChoiceSequence.wrap(best.choices()), best.signature());
        String report = Report.failed(info, cx, origin, shrinker.runs(), shrinker.improvements(),
                shrinker.budgetExhausted(), flaky);
        return new Result.Failed(info, cx, origin, shrinker.runs(), shrinker.improvements(),
                shrinker.budgetExhausted(), flaky, report, List.of());
    }

    /** Runs the body once on the given choices. */
    TestRun execute(Choices choices, boolean describing, boolean counting) {
        var ctx = new Ctx(choices, config, describing, counting);
        Throwable failure = null;
        Discard discard = null;
        try {
            body.run(ctx);
        } catch (Throwable t) {
            Throwable unwrapped = t instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : t;
            discard = findDiscard(unwrapped);
            if (discard == null) failure = unwrapped;
        }
        long[] drawn = choices.recordedCopy();
        long[] bounds = choices.boundsCopy();
        int[] spans = choices.spansCopy();
        if (discard != null) {
            return new TestRun(TestRun.Status.DISCARDED, drawn, bounds, spans, null, null, discard, ctx.lines(), ctx.labels(), ctx.steps());
        }
        if (failure != null) {
            return new TestRun(TestRun.Status.FAILED, drawn, bounds, spans, failure, FailureSignature.of(failure), null,
                    ctx.lines(), ctx.labels(), ctx.steps());
        }
        return new TestRun(TestRun.Status.PASSED, drawn, bounds, spans, null, null, null, ctx.lines(), ctx.labels(), ctx.steps());
    }

    // A Discard may arrive wrapped by user code or reflection; it still only means "skip this case".
    private static Discard findDiscard(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof Discard d) return d;
        }
        return null;
    }

    private Map<String, Long> missingCoverage(Statistics statistics) {
        Map<String, Long> missing = new LinkedHashMap<>();
        for (Coverage c : config.coverage()) {
            c.labels().stream().sorted().forEach(label -> {
                long hits = statistics.hits(label);
                if (hits < c.atLeast()) missing.merge(label, hits, Math::min);
            });
        }
        return missing;
    }

    private static String describeDiscard(Discard d) {
        return switch (d.kind) {
            case FILTER -> "filter " + d.source;
            case ASSUMPTION -> d.source;
            case OVERRUN -> "overrun (the case drew more choices than pbt.maxChoices)";
        };
    }

    private String giveUpReason(long valid, long discarded, Map<String, Integer> sources) {
        var worst = sources.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        var sb = new StringBuilder();
        sb.append(discarded).append(" test cases discarded, only ").append(valid).append(" valid (wanted ")
                .append(config.tries()).append(").\n");
        sb.append("Most discards (").append(worst.getValue()).append(") came from ").append(worst.getKey());
        if (worst.getKey().startsWith("filter ")) {
            sb.append(", which rejected ").append(Gen.FILTER_RETRIES).append(" values in a row each time");
        }
        sb.append(".\nLoosen the filter or assumption, or generate the wanted values directly (map/flatMap).");
        return sb.toString();
    }

    private Result.Run info(Long seed, long tries, long discarded, long steps, long start, Statistics.Collector stats) {
        return new Result.Run(name, seed, tries, discarded, steps, elapsed(start), stats.snapshot());
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Cuts the engine's own frames (and reflection below user code) off the failure's stack trace. */
    static void trimStack(Throwable t) {
        if (t == null) return;
        StackTraceElement[] trace = t.getStackTrace();
        int cut = -1;
        for (int i = 0; i < trace.length; i++) {
            if (trace[i].getClassName().equals(Engine.class.getName())) {
                cut = i;
                break;
            }
        }
        if (cut < 0) return;
        while (cut > 0 && isGlue(trace[cut - 1].getClassName())) cut--;
        if (cut > 0) t.setStackTrace(Arrays.copyOf(trace, cut));
    }

    private static boolean isGlue(String cls) {
        return cls.startsWith("java.lang.reflect.") || cls.startsWith("jdk.internal.reflect.")
                || cls.startsWith("java.lang.invoke.") || cls.startsWith("dev.ashmem.pbt.junit.");
    }
}
