package dev.ashmem.oracle.protocol;

import dev.ashmem.generator.OpGenerator;
import dev.ashmem.generator.OpKind;
import dev.ashmem.generator.Steering;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Op;
import dev.ashmem.model.Platform;
import dev.ashmem.oracle.profile.ProfileLimitation;
import dev.ashmem.oracle.profile.Profiles;
import dev.ashmem.oracle.replay.Replayer;
import dev.ashmem.oracle.replay.Reports;
import dev.ashmem.oracle.replay.Session;
import dev.ashmem.oracle.replay.Verdict;
import dev.ashmem.oracle.rules.Attribution;
import dev.ashmem.pbt.CheckFailure;
import dev.ashmem.pbt.Choices;
import dev.ashmem.pbt.Config;
import dev.ashmem.pbt.Pbt;
import dev.ashmem.pbt.Result;
import dev.ashmem.trace.Name;
import dev.ashmem.trace.NameMode;
import dev.ashmem.trace.Outcome;
import dev.ashmem.trace.Profile;
import dev.ashmem.trace.Step;
import dev.ashmem.trace.Trace;
import dev.ashmem.trace.TraceHeader;
import dev.ashmem.trace.TraceLine;
import dev.ashmem.trace.TraceParser;
import dev.ashmem.trace.TracePrinter;
import dev.ashmem.trace.TraceSyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code drive}: random operation sequences against an outside implementation and the expected profile
 * side by side, one protocol request per step. Every distinct failure (a divergent result, a refusal, a
 * time-out, a crash or a malformed reply; distinct by {@link Key}) is shrunk by the property engine to a
 * minimal sequence, printed as a replayable trace with its report, and the search goes on with the next
 * sequence, up to {@link Options#maxFailures()} of them. Operation classes the implementation cannot express
 * (skipped up front, declared in its hello line, or refused with {@code error unsupported}) are not drawn.
 * Every sequence starts from a fresh device: a {@code reset} request, checked by probing the fresh state,
 * or a fresh process when the server does not know reset or when asked to.
 */
public final class Driver {

    /**
     * What to run. {@code profile} null: the one the server's hello names. {@code skip}: operation classes never
     * drawn. {@code maxFailures}: how many distinct failures (not accepted ones) end the search.
     */
    public record Options(String command, Profile profile, Long seed, int sequences, int steps, Duration timeout,
                          Duration grace, Duration shrinkTime, boolean freshProcess, Set<OpKind> skip, int maxFailures,
                          AcceptedDifferences accepted, Platform platform) {
        public Options {
            skip = skip.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(skip));
        }

        /** The platform the server's hello names (else x86-64). */
        public Options(String command, Profile profile, Long seed, int sequences, int steps, Duration timeout,
                       Duration grace, Duration shrinkTime, boolean freshProcess, Set<OpKind> skip, int maxFailures,
                       AcceptedDifferences accepted) {
            this(command, profile, seed, sequences, steps, timeout, grace, shrinkTime, freshProcess, skip, maxFailures, accepted, null);
        }

        /** Every class, stop at the first failure, nothing accepted. */
        public Options(String command, Profile profile, Long seed, int sequences, int steps, Duration timeout, Duration grace,
                       Duration shrinkTime, boolean freshProcess) {
            this(command, profile, seed, sequences, steps, timeout, grace, shrinkTime, freshProcess, Set.of(), 1, AcceptedDifferences.NONE);
        }
    }

    /**
     * What makes two failures the same: the deciding rule (for a divergence; {@link #NO_RULE} when the
     * profile's own path decided) or what the implementation did instead of answering (refused, timeout,
     * exited, protocol), and the operation class of the step.
     */
    public record Key(String rule, OpKind kind) {
        public static final String NO_RULE = "none";

        @Override
        public String toString() {
            return rule + " " + kind.label();
        }
    }

    /**
     * The verdict: passed or not, and the report to print; for a failure, the sequences run until the
     * first failing one (inclusive) and the requests sent until then, before shrinking (else 0).
     */
    public record Report(boolean passed, String text, long sequencesToFailure, long requestsToFailure) {
        Report(boolean passed, String text) {
            this(passed, text, 0, 0);
        }

        /** The search found a failing sequence (not a server that would not start, nor a give-up). */
        public boolean found() {
            return !passed && sequencesToFailure > 0;
        }
    }

    /** drive's default budget: sequences per run and steps per sequence (drive and drive-rate use it). */
    public static final int DEFAULT_SEQUENCES = 100;
    public static final int DEFAULT_STEPS = 40;
    /** drive's default time-out per request and grace period at exit, as written on its command line. */
    public static final String DEFAULT_TIMEOUT = "5s";
    public static final String DEFAULT_GRACE = "2s";
    /** How many distinct failures one run reports by default before it stops searching. */
    public static final int DEFAULT_MAX_FAILURES = 5;
    /** How many handles of the previous sequence the fresh-state probe after a reset asks about. */
    private static final int PROBED_HANDLES = 4;

    private final Options o;
    private final Supplier<? extends ServerConnection> connect;
    private ServerConnection client;
    private Hello hello;
    private Profile profile;
    private final Platform platform; // CTX-PLATFORM: the generic layer the implementation's answers come from
    private boolean resetWorks = true;
    private String resetRefusal;
    /** The first sequence runs on the process started to read its hello; later ones need a fresh device. */
    private boolean firstSequence = true;
    private long seed;
    private long requests;
    private long sequences;
    private long requestsToFailure;
    private long sequencesToFailure;
    private final OpGenerator allKinds = new OpGenerator();
    private final EnumSet<OpKind> excluded = EnumSet.noneOf(OpKind.class);
    /** Classes the implementation refused with {@code error unsupported}, with its first such reply. */
    private final Map<OpKind, String> refusedAtRunTime = new EnumMap<>(OpKind.class);
    private final Map<OpKind, Long> compared = new EnumMap<>(OpKind.class);
    private OpGenerator generator;
    /** Failures reported so far (accepted ones too): a sequence that meets one again ends there and passes. */
    private final Map<Key, Finding> findings = new LinkedHashMap<>();
    /** The handle names the implementation returned in the last sequence, for the probe after the next reset. */
    private List<Name> lastHandles = List.of();
    /** Set when the implementation failed a reset: the run stops and says so. */
    private String resetFailure;

    private record Finding(Key key, boolean accepted, String text) {
    }

    private Driver(Options o, Supplier<? extends ServerConnection> connect, ServerConnection first) {
        this.o = o;
        this.connect = connect;
        this.client = first;
        this.hello = first.hello();
        this.profile = o.profile() != null ? o.profile() : hello.profile();
        this.platform = o.platform() != null ? o.platform() : hello.platform();
        excluded.addAll(o.skip());
        excluded.addAll(hello.unsupported());
        this.generator = allKinds.without(excluded);
    }

    /** Drives {@code o.command()} run as a child process with {@code sh -c}. */
    public static Report run(Options o) {
        return run(o, () -> ProcessClient.start(o.command(), o.timeout(), o.grace()));
    }

    /**
     * Drives the servers {@code connect} starts (one at first, another whenever a fresh process is needed);
     * {@code o.command()} only names them in reports.
     */
    public static Report run(Options o, Supplier<? extends ServerConnection> connect) {
        ServerConnection first;
        try {
            first = connect.get();
        } catch (ImplementationFailure e) {
            return new Report(false, "drive: " + e.getMessage() + "\n");
        }
        int p = first.hello().pageSize();
        if (p != 4096 && p != 16384 && p != 65536) {
            first.close();
            return new Report(false, "drive: the implementation says page-size " + p
                    + ", which the model does not support (4096, 16384 or 65536)\n");
        }
        var d = new Driver(o, connect, first);
        try {
            return d.search();
        } finally {
            if (d.client != null) {
                d.client.close();
            }
        }
    }

    /** The trace header of every sequence: the implementation's page size and results view (as replay reads them). */
    private TraceHeader header() {
        return TraceHeader.defaults().withPageSize(hello.pageSize()).withNames(NameMode.MAPPED).withCaller(Caller.APP)
                .withResults(hello.results()).withPlatform(platform).withProfile(profile);
    }

    private static final String FRESH_START_FAILED = "drive: a fresh process of the implementation for sequence ";

    /** A reset the implementation failed: the run cannot trust any later sequence. */
    private static final class ResetFailed extends RuntimeException {
        ResetFailed() {
            super(null, null, false, false);
        }
    }

    private Report search() {
        seed = o.seed() != null ? o.seed() : new java.util.SplittableRandom().nextLong();
        long remaining = o.sequences();
        long searched = 0;
        String gaveUp = null;
        // One engine run per failure: it shrinks the failure, then the next run searches on (a new seed, the
        // failures found so far ending their sequences as passes) with the sequences left.
        for (int round = 0; remaining > 0 && resetFailure == null && unaccepted() < o.maxFailures(); round++) {
            long roundSeed = seed + round * 0x9E3779B97F4A7C15L;
            var config = Config.defaults().withTries((int) remaining).withMaxSteps(o.steps()).withSeed(roundSeed)
                    .withShrinkTime(o.shrinkTime()).withMaxShrinks(5_000).withPageSize(hello.pageSize());
            Result r = Pbt.check("drive " + o.command(), config, ctx -> {
                if (resetFailure != null) {
                    return;
                }
                Case c;
                try {
                    c = runCase(ctx.choices());
                } catch (ResetFailed e) {
                    return;
                }
                sequences++;
                c.targets().forEach(ctx::label);
                if (c.discard()) {
                    ctx.assume(false, "the expected profile cannot evaluate a step");
                }
                if (c.key() != null && !findings.containsKey(c.key())) {
                    if (sequencesToFailure == 0) {
                        sequencesToFailure = sequences;
                        requestsToFailure = requests;
                    }
                    throw new CheckFailure(c.key().toString(), c.failure());
                }
            });
            searched += r.tries();
            remaining -= r.tries();
            switch (r) {
                case Result.Passed p -> remaining = 0;
                case Result.Failed f -> record(f, roundSeed);
                case Result.GaveUp g -> {
                    gaveUp = g.reason();
                    remaining = 0;
                }
                case Result.CoverageMissed m -> remaining = 0; // drive asks for no coverage
            }
        }
        return verdict(seed, searched, gaveUp);
    }

    private long unaccepted() {
        return findings.values().stream().filter(f -> !f.accepted()).count();
    }

    /** Re-runs the shrunk choices once more for their lines and report, and files the failure under its key. */
    private void record(Result.Failed f, long roundSeed) {
        var choices = Choices.replaying(f.counterexample().choices(), 100_000, hello.pageSize());
        Case c;
        try {
            c = runCase(choices);
        } catch (ResetFailed e) {
            return;
        } catch (ImplementationFailure e) {
            c = new Case(List.of(), e.getMessage(), null, null, e.kind(), 0, false, List.of());
        }
        String label = f.counterexample().failure() instanceof CheckFailure cf ? cf.label() : "?";
        Key key = c.key() != null && c.key().toString().equals(label) ? c.key()
                : findings.keySet().stream().filter(k -> k.toString().equals(label)).findFirst().orElse(c.key());
        if (key == null) {
            // The shrunk sequence passed when run again: file it under the label the engine saw.
            String[] w = label.split(" ");
            key = new Key(w[0], w.length > 1 ? OpKind.ofLabel(w[1]).orElse(OpKind.OPEN) : OpKind.OPEN);
        }
        boolean accepted = o.accepted().accepts(key);
        findings.put(key, new Finding(key, accepted, section(f, c, key, accepted, roundSeed)));
    }

    /** The platform, named where it is not the spec's default. */
    private String onPlatform() {
        return platform.equals(Platform.X86_64) ? "" : " on " + platform.name();
    }

    private Report verdict(long seed, long searched, String gaveUp) {
        String target = "'" + o.command() + "'" + (hello.impl() == null ? "" : " (" + hello.impl() + ")");
        long checked = compared.values().stream().mapToLong(Long::longValue).sum();
        var sb = new StringBuilder();
        long failures = unaccepted();
        boolean passed = failures == 0 && resetFailure == null && gaveUp == null && checked > 0;
        if (passed) {
            sb.append("drive: passed ").append(searched).append(" sequences of up to ").append(o.steps()).append(" steps (")
                    .append(requests).append(" requests, seed ").append(seed).append(") against ").append(target)
                    .append(" under profile ").append(profile.word()).append(onPlatform())
                    .append(findings.isEmpty() ? "" : ", " + findings.size() + " accepted difference" + (findings.size() == 1 ? "" : "s"))
                    .append('\n');
        } else if (checked == 0 && failures == 0 && resetFailure == null && gaveUp == null) {
            sb.append("drive: checked nothing: no request of ").append(searched).append(" sequences got a result to compare (")
                    .append(requests).append(" requests, seed ").append(seed).append(") against ").append(target).append('\n');
        } else {
            sb.append("drive: FAILED against ").append(target).append(" under profile ").append(profile.word()).append(onPlatform()).append(" (seed ")
                    .append(seed).append(", ").append(searched).append(" sequences, ").append(requests).append(" requests): ");
            var what = new ArrayList<String>();
            if (failures > 0) {
                what.add(failures + " distinct failure" + (failures == 1 ? "" : "s")
                        + (failures >= o.maxFailures() ? " (the search stopped at --max-failures " + o.maxFailures() + ")" : ""));
            }
            if (findings.size() > failures) {
                what.add((findings.size() - failures) + " accepted");
            }
            if (resetFailure != null) {
                what.add(resetFailure.startsWith(FRESH_START_FAILED) ? "a fresh process did not start" : "the implementation failed a reset");
            }
            if (gaveUp != null) {
                what.add("gave up");
            }
            sb.append(String.join(", ", what)).append('\n');
        }
        int n = 0;
        for (var f : findings.values()) {
            n++;
            sb.append("\n=== ").append(f.accepted() ? "accepted difference" : "failure").append(' ').append(n).append(" of ")
                    .append(findings.size()).append(": ").append(f.key()).append(f.accepted() ? " (listed in --accept)" : "")
                    .append(" ===\n").append(f.text());
        }
        if (resetFailure != null) {
            sb.append("\n").append(resetFailure).append('\n');
        }
        if (gaveUp != null) {
            sb.append("\ndrive: gave up: ").append(gaveUp).append('\n');
        }
        sb.append('\n').append(exercised());
        return new Report(passed, sb.toString(), sequencesToFailure, requestsToFailure);
    }

    /** What the run compared, per operation class, and why the others were not. */
    private String exercised() {
        var sb = new StringBuilder("operation classes (requests whose result was compared, shrinking included):\n");
        for (var k : OpKind.values()) {
            long n = compared.getOrDefault(k, 0L);
            String why = o.skip().contains(k) ? "skipped (--skip/--only)"
                    : hello.unsupported().contains(k) ? "not exercised: the hello line declares it unsupported"
                    : refusedAtRunTime.containsKey(k) ? "refused: '" + refusedAtRunTime.get(k) + "'; not drawn after that" : null;
            sb.append(String.format(Locale.ROOT, "  %-17s %8d%s%n", k.label(), n, why == null ? (n == 0 ? "  not exercised" : "") : "  " + why));
        }
        if (resetRefusal != null) {
            sb.append("the implementation answered '").append(resetRefusal)
                    .append("' to reset: every sequence after that ran on a fresh process\n");
        }
        return sb.toString();
    }

    /**
     * One sequence's result: the lines run, why it failed (null: it passed), its key, the request that got no
     * result (a refusal, a time-out, a death or a malformed reply) and its step number.
     */
    private record Case(List<TraceLine> lines, String failure, Key key, String pending, ImplementationFailure.Kind how,
                        int stepNumber, boolean discard, List<String> targets) {
        static Case passed(List<TraceLine> lines, List<String> targets) {
            return new Case(lines, null, null, null, null, 0, false, targets);
        }
    }

    /**
     * One sequence: the generator's prelude (an area with its file), then operations drawn from the model's
     * state, each sent as one request under the names the implementation returned. Operations of excluded
     * classes are not sent; a reply {@code error unsupported ...} excludes the class and the sequence goes on.
     */
    private Case runCase(Choices choices) {
        freshDevice();
        var session = new Session(header(), Profiles.newDevice(profile, hello.pageSize(), platform));
        var lines = new ArrayList<TraceLine>();
        var targets = new LinkedHashSet<String>();
        var prelude = OpGenerator.prelude(choices, hello.pageSize());
        double pMore = Math.max(1.0, o.steps() / 2.0) / (Math.max(1.0, o.steps() / 2.0) + 1);
        try {
            for (int n = 1; n <= o.steps(); n++) {
                choices.startSpan();
                Op op;
                if (n <= prelude.size()) {
                    op = prelude.get(n - 1);
                } else if (!generator.canDraw(session.device().snapshot()) || !choices.weighted(pMore)) {
                    choices.endSpan();
                    break;
                } else {
                    var before = session.device().snapshot();
                    op = generator.next(choices, before);
                    Steering.of(before, op).forEach(t -> targets.add(t.label()));
                }
                var kind = OpKind.of(op);
                if (excluded.contains(kind)) {
                    choices.endSpan(); // a prelude step of a class the implementation lacks: neither side runs it
                    continue;
                }
                Step step = session.toStep(op);
                String request = TracePrinter.step(step);
                Outcome observed;
                try {
                    String reply = client.request(request);
                    requests++;
                    if (unsupported(reply)) {
                        excluded.add(kind);
                        refusedAtRunTime.putIfAbsent(kind, reply);
                        generator = allKinds.without(excluded);
                        choices.endSpan();
                        continue;
                    }
                    observed = reply(step, reply);
                } catch (ImplementationFailure e) {
                    if (e.kind() != ImplementationFailure.Kind.REFUSED) {
                        closeClient();
                    }
                    return new Case(lines, e.getMessage(), new Key(e.kind().name().toLowerCase(Locale.ROOT), kind), request,
                            e.kind(), lines.size() + 1, false, List.of());
                }
                Verdict v;
                try {
                    v = session.run(step, observed);
                } catch (ProfileLimitation e) {
                    return new Case(lines, null, null, null, null, 0, true, List.of());
                }
                lines.add(new TraceLine(step, observed));
                compared.merge(kind, 1L, Long::sum);
                if (!v.matches()) {
                    String rule = v.attribution().decider().equals(Attribution.NONE) ? Key.NO_RULE : v.attribution().decider();
                    return new Case(lines, "step " + lines.size() + " '" + request + "': expected " + TracePrinter.outcome(v.expected(), step)
                            + ", observed " + TracePrinter.outcome(observed, step) + " (" + v.attribution().decider() + ")",
                            new Key(rule, kind), null, null, lines.size(), false, List.of());
                }
                choices.endSpan();
            }
            return Case.passed(lines, List.copyOf(targets));
        } finally {
            lastHandles = lines.stream().filter(l -> l.outcome() instanceof Outcome.Bound && !(l.step() instanceof Step.Mmap))
                    .map(l -> ((Outcome.Bound) l.outcome()).name()).limit(PROBED_HANDLES).toList();
        }
    }

    private static boolean unsupported(String reply) {
        return reply.startsWith(Protocol.ERROR + " " + Protocol.UNSUPPORTED);
    }

    private static Outcome reply(Step step, String reply) {
        if (reply.startsWith(Protocol.ERROR)) {
            throw new ImplementationFailure(ImplementationFailure.Kind.REFUSED, "the implementation refused the request: " + reply);
        }
        try {
            return TraceParser.parseOutcome(step, reply);
        } catch (TraceSyntaxException e) {
            throw new ImplementationFailure(ImplementationFailure.Kind.PROTOCOL, "malformed reply '" + reply + "' to '"
                    + TracePrinter.step(step) + "': " + e.reason());
        }
    }

    /** Every sequence starts on a fresh device: the just started process, a checked reset, or a new process. */
    private void freshDevice() {
        boolean first = firstSequence;
        firstSequence = false;
        if (client != null && client.alive()) {
            if (first) {
                recordFreshShrinkCount();
                return;
            }
            if (!o.freshProcess() && resetWorks) {
                String reply;
                try {
                    reply = client.request(Protocol.RESET);
                } catch (ImplementationFailure e) {
                    throw resetFailed("'reset' before sequence " + (sequences + 1) + " got no reply: " + e.getMessage());
                }
                if (reply.equals(Protocol.OK)) {
                    probeFreshState();
                    return;
                }
                if (!reply.startsWith(Protocol.ERROR)) {
                    throw resetFailed("'reset' before sequence " + (sequences + 1) + " was answered '" + reply
                            + "' (it must be 'ok', or 'error ...' from an implementation that cannot reset)");
                }
                resetWorks = false; // the server does not know reset: a process per sequence from now on
                resetRefusal = reply;
            }
        }
        closeClient();
        try {
            client = connect.get();
        } catch (ImplementationFailure e) {
            // Not a failure of the sequence (it has not started): the run cannot go on without a fresh device.
            resetFailure = FRESH_START_FAILED + (sequences + 1) + " did not start: "
                    + e.getMessage() + "\nThe run stopped here: every sequence must start from a fresh device.";
            throw new ResetFailed();
        }
        var h = client.hello();
        if (h.pageSize() != hello.pageSize()) {
            throw new ImplementationFailure(ImplementationFailure.Kind.PROTOCOL, "the page size changed between runs: "
                    + hello.pageSize() + " then " + h.pageSize());
        }
    }

    /**
     * After a reset answered {@code ok}, asks what a fresh device of the profile answers in a known way: every
     * handle the last sequence opened is gone (GET_SIZE on it: EBADF) and the LRU is empty (shrink_count). A
     * probe of a class the implementation lacks is not sent.
     */
    private void probeFreshState() {
        var fresh = new Session(header(), Profiles.newDevice(profile, hello.pageSize(), platform));
        var steps = new ArrayList<Step>();
        if (!excluded.contains(OpKind.GET_SIZE)) {
            lastHandles.forEach(name -> steps.add(new Step.Ioctl(name, new Command.GetSize(), null)));
        }
        if (!excluded.contains(OpKind.SHRINK)) {
            steps.add(new Step.ShrinkCount());
        }
        for (var step : steps) {
            String request = TracePrinter.step(step);
            String reply;
            try {
                reply = client.request(request);
                requests++;
            } catch (ImplementationFailure e) {
                throw resetFailed("after 'reset' answered ok before sequence " + (sequences + 1) + ", the probe '" + request
                        + "' failed: " + e.getMessage());
            }
            if (unsupported(reply)) {
                continue;
            }
            Outcome observed;
            try {
                observed = TraceParser.parseOutcome(step, reply);
            } catch (TraceSyntaxException e) {
                throw resetFailed("after 'reset' answered ok before sequence " + (sequences + 1) + ", the probe '" + request
                        + "' got a malformed reply '" + reply + "'");
            }
            if (step instanceof Step.ShrinkCount && freshShrinkCount != null) {
                if (!reply.equals(freshShrinkCount)) {
                    throw resetFailed("after 'reset' answered ok before sequence " + (sequences + 1) + ", '" + request + "' answered "
                            + reply + " where the freshly started process answered " + freshShrinkCount
                            + ": the reset left state of the previous sequence behind");
                }
                continue;
            }
            var v = fresh.run(step, observed);
            if (!v.matches()) {
                throw resetFailed("after 'reset' answered ok before sequence " + (sequences + 1) + ", '" + request + "' answered "
                        + reply + " where a fresh device answers " + TracePrinter.outcome(v.expected(), step)
                        + ": the reset left state of the previous sequence behind");
            }
        }
    }

    /**
     * What the freshly started process answers to shrink_count, the baseline a reset must restore. Compared
     * with the process itself rather than the profile: an implementation whose empty answer differs from the
     * profile's (a Rust driver's SHRINK_EMPTY under mainline) diverges in a sequence, not in its reset.
     */
    private String freshShrinkCount;

    private void recordFreshShrinkCount() {
        if (excluded.contains(OpKind.SHRINK)) {
            return;
        }
        try {
            var reply = client.request(TracePrinter.step(new Step.ShrinkCount()));
            requests++;
            if (unsupported(reply)) {
                excluded.add(OpKind.SHRINK); // refused here as it would be in a sequence: never sent again
                refusedAtRunTime.putIfAbsent(OpKind.SHRINK, reply);
            } else if (!reply.startsWith(Protocol.ERROR)) {
                freshShrinkCount = reply;
            }
        } catch (ImplementationFailure e) {
            // left to the first sequence, which reports a server that cannot answer
        }
    }

    private ResetFailed resetFailed(String what) {
        resetFailure = "drive: the implementation failed a reset: " + what + ".\n"
                + "Every sequence must start from a fresh device (spec/trace-format.md, section 8): make 'reset' close every "
                + "handle and mapping and empty the LRU, or answer 'error ...' to it so that drive starts a fresh process "
                + "per sequence (or pass --fresh-process). The run stopped here: later sequences would start from an unknown state.";
        closeClient();
        return new ResetFailed();
    }

    private void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /** One failure's report: the minimal trace and what it shows, or, without a result, what happened and what to do. */
    private String section(Result.Failed f, Case c, Key key, boolean accepted, long roundSeed) {
        var sb = new StringBuilder();
        sb.append("found after ").append(f.tries()).append(" sequences of this search round (round seed ").append(roundSeed)
                .append("), shrunk in ").append(f.shrinkRuns()).append(" runs\n");
        if (c.failure() == null) {
            sb.append("the shrunk sequence passed when run again (a flaky implementation?); the engine's report:\n")
                    .append(f.report()).append('\n');
            return sb.toString();
        }
        var built = new Trace("minimal failing trace", header(),
                List.of("minimal failing sequence (" + key + ") found by: ashmem drive --seed " + seed + " --profile " + profile.word()),
                c.lines());
        // Parsed back, so that the report's line numbers are those of the trace as printed.
        var trace = TraceParser.parse("minimal failing trace", TracePrinter.print(built));
        sb.append("minimal failing trace (").append(c.lines().size()).append(c.pending() != null ? " + 1" : "").append(" steps):\n\n");
        sb.append(TracePrinter.print(trace));
        if (c.pending() != null) {
            sb.append(c.pending()).append("  # no valid reply\n\n");
            sb.append(c.failure()).append('\n');
            sb.append(advice(c, key)).append('\n');
        } else {
            sb.append('\n');
            var replay = Replayer.replay(trace, profile);
            sb.append(Reports.render(replay));
            sb.append("\nreplay: save the trace above and run 'ashmem replay FILE'");
            if (!accepted) {
                sb.append("; accept it: put '").append(key).append("' in the --accept file");
            }
            sb.append("; engine choices ").append(f.encoding()).append('\n');
        }
        return sb.toString();
    }

    /**
     * What to do about a step that got no result: replaying the trace on the model reproduces nothing there
     * (the model answers every step), so the advice names what the implementation did and where.
     */
    private String advice(Case c, Key key) {
        int k = c.stepNumber();
        String by = "send the " + (k - 1) + " requests above (each step without its '-> result'), then '" + c.pending()
                + "', to a fresh '" + o.command() + "'";
        return switch (c.how()) {
            case REFUSED -> "what happened: the implementation refused step " + k + " ('" + c.pending() + "') instead of answering it. "
                    + "That is not a result the spec could disagree with, so replaying the trace above on the model reproduces nothing.\n"
                    + "what to do: if the implementation cannot express " + key.kind().label() + " operations, answer 'error "
                    + Protocol.UNSUPPORTED + " ...' (drive then stops sending that class), declare it in the hello line "
                    + "('unsupported " + key.kind().label() + "') or pass --skip " + key.kind().label()
                    + "; otherwise make it answer. To see the refusal again, " + by + ".";
            case EXITED -> "what happened: the implementation died at step " + k + " ('" + c.pending() + "'), before replying.\n"
                    + "what to do: the crash is the implementation's: to reproduce it, " + by + " (its standard error is shown above).";
            case TIMEOUT -> "what happened: the implementation did not reply to step " + k + " ('" + c.pending() + "') within "
                    + o.timeout().toMillis() + " ms and was stopped.\n"
                    + "what to do: find where it hangs: " + by + "; or, if it is only slow, raise --timeout.";
            case PROTOCOL -> "what happened: the implementation's reply to step " + k + " ('" + c.pending()
                    + "') is not a result of spec/trace-format.md section 4.\n"
                    + "what to do: fix the reply's format; to see it again, " + by + ".";
        };
    }
}
