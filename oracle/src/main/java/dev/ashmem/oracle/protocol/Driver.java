package dev.ashmem.oracle.protocol;

import dev.ashmem.oracle.profile.Profiles;
import dev.ashmem.generator.OpGenerator;
import dev.ashmem.generator.Steering;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Op;
import dev.ashmem.trace.Profile;
import dev.ashmem.oracle.profile.ProfileLimitation;
import dev.ashmem.oracle.replay.Replayer;
import dev.ashmem.oracle.replay.Reports;
import dev.ashmem.oracle.replay.Session;
import dev.ashmem.oracle.replay.Verdict;
import dev.ashmem.trace.NameMode;
import dev.ashmem.trace.Outcome;
import dev.ashmem.trace.ResultsMode;
import dev.ashmem.trace.Step;
import dev.ashmem.trace.Trace;
import dev.ashmem.trace.TraceHeader;
import dev.ashmem.trace.TraceLine;
import dev.ashmem.trace.TraceParser;
import dev.ashmem.trace.TracePrinter;
import dev.ashmem.trace.TraceSyntaxException;
import dev.ashmem.pbt.CheckFailure;
import dev.ashmem.pbt.Choices;
import dev.ashmem.pbt.Config;
import dev.ashmem.pbt.Pbt;
import dev.ashmem.pbt.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code drive}: random operation sequences against an outside implementation and the expected profile
 * side by side, one protocol request per step. A failing sequence (a divergent result, a time-out, a
 * crash or a malformed reply) is shrunk by the property engine to a minimal one, which is printed as a
 * replayable trace with the divergence report. Every sequence starts from a fresh device: a
 * {@code reset} request, or a fresh process when the server does not know it or when asked to.
 */
public final class Driver {

    /** What to run. {@code profile} null: the one the server's hello names. */
    public record Options(String command, Profile profile, Long seed, int sequences, int steps, Duration timeout,
                          Duration grace, Duration shrinkTime, boolean freshProcess) {
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

    private final Options o;
    private final Supplier<? extends ServerConnection> connect;
    private ServerConnection client;
    private Hello hello;
    private Profile profile;
    private boolean resetWorks = true;
    /** The first sequence runs on the process started to read its hello; later ones need a fresh device. */
    private boolean firstSequence = true;
    private long requests;
    private long sequences;
    private long requestsToFailure;
    private long sequencesToFailure;
    private final OpGenerator generator = new OpGenerator();

    private Driver(Options o, Supplier<? extends ServerConnection> connect, ServerConnection first) {
        this.o = o;
        this.connect = connect;
        this.client = first;
        this.hello = first.hello();
        this.profile = o.profile() != null ? o.profile() : hello.profile();
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

    private TraceHeader header() {
        return TraceHeader.defaults().withPageSize(hello.pageSize()).withNames(NameMode.MAPPED).withCaller(Caller.APP)
                .withResults(ResultsMode.KERNEL).withProfile(profile);
    }

    private Report search() {
        var config = Config.defaults().withTries(o.sequences()).withMaxSteps(o.steps()).withSeed(o.seed())
                .withShrinkTime(o.shrinkTime()).withMaxShrinks(5_000).withPageSize(hello.pageSize());
        Result r = Pbt.check("drive " + o.command(), config, ctx -> {
            var c = runCase(ctx.choices());
            sequences++;
            c.targets().forEach(ctx::label);
            if (c.failure() != null && sequencesToFailure == 0) {
                sequencesToFailure = sequences;
                requestsToFailure = requests;
            }
            if (c.discard()) {
                ctx.assume(false, "the expected profile cannot evaluate a step");
            }
            if (c.failure() != null) {
                throw new CheckFailure(c.failureLabel(), c.failure());
            }
        });
        String target = "'" + o.command() + "'" + (hello.impl() == null ? "" : " (" + hello.impl() + ")");
        return switch (r) {
            case Result.Passed p -> new Report(true, "drive: passed " + p.tries() + " sequences of up to " + o.steps()
                    + " steps (" + requests + " requests, seed " + p.seed() + ") against " + target + " under profile "
                    + profile.word() + "\n");
            case Result.Failed f -> new Report(false, failureReport(f, target), sequencesToFailure, requestsToFailure);
            case Result.GaveUp g -> new Report(false, "drive: gave up: " + g.reason() + "\n");
            case Result.CoverageMissed m -> new Report(false, m.report());
        };
    }

    /** One sequence's result: the lines run, and why it failed (null: it passed). */
    private record Case(List<TraceLine> lines, String failure, String failureLabel, String pending, boolean discard,
                        List<String> targets) {
        Case(List<TraceLine> lines, String failure, String failureLabel, String pending, boolean discard) {
            this(lines, failure, failureLabel, pending, discard, List.of());
        }
    }

    /**
     * One sequence: the generator's prelude (an area with its file), then operations drawn from the model's
     * state, each sent as one request under the names the implementation returned.
     */
    private Case runCase(Choices choices) {
        freshDevice();
        var session = new Session(header(), Profiles.newDevice(profile, hello.pageSize()));
        var lines = new ArrayList<TraceLine>();
        var targets = new java.util.LinkedHashSet<String>();
        var prelude = OpGenerator.prelude(choices, hello.pageSize());
        double pMore = Math.max(1.0, o.steps() / 2.0) / (Math.max(1.0, o.steps() / 2.0) + 1);
        for (int n = 1; n <= o.steps(); n++) {
            choices.startSpan();
            Op op;
            if (n <= prelude.size()) {
                op = prelude.get(n - 1);
            } else if (!choices.weighted(pMore)) {
                choices.endSpan();
                break;
            } else {
                var before = session.device().snapshot();
                op = generator.next(choices, before);
                Steering.of(before, op).forEach(t -> targets.add(t.label()));
            }
            Step step = session.toStep(op);
            String request = TracePrinter.step(step);
            Outcome observed;
            try {
                String reply = client.request(request);
                requests++;
                observed = reply(step, reply);
            } catch (ImplementationFailure e) {
                closeClient();
                return new Case(lines, e.getMessage(), e.kind().name().toLowerCase(Locale.ROOT), request, false);
            }
            Verdict v;
            try {
                v = session.run(step, observed);
            } catch (ProfileLimitation e) {
                return new Case(lines, null, null, null, true);
            }
            lines.add(new TraceLine(step, observed));
            if (!v.matches()) {
                return new Case(lines, "step " + n + " '" + request + "': expected " + TracePrinter.outcome(v.expected(), step)
                        + ", observed " + TracePrinter.outcome(observed, step) + " (" + v.attribution().decider() + ")",
                        "divergence", null, false);
            }
            choices.endSpan();
        }
        return new Case(lines, null, null, null, false, List.copyOf(targets));
    }

    private static Outcome reply(Step step, String reply) {
        if (reply.startsWith(Protocol.ERROR)) {
            throw new ImplementationFailure(ImplementationFailure.Kind.PROTOCOL, "the implementation refused the request: " + reply);
        }
        try {
            return TraceParser.parseOutcome(step, reply);
        } catch (TraceSyntaxException e) {
            throw new ImplementationFailure(ImplementationFailure.Kind.PROTOCOL, "malformed reply '" + reply + "' to '"
                    + TracePrinter.step(step) + "': " + e.reason());
        }
    }

    /** Every sequence starts on a fresh device: the just started process, a reset, or a new process. */
    private void freshDevice() {
        boolean first = firstSequence;
        firstSequence = false;
        if (client != null && client.alive()) {
            if (first) {
                return;
            }
            if (!o.freshProcess() && resetWorks) {
                try {
                    if (client.reset()) {
                        return;
                    }
                    resetWorks = false; // the server does not know reset: a process per sequence from now on
                } catch (ImplementationFailure e) {
                    // fall through to a new process
                }
            }
        }
        closeClient();
        client = connect.get();
        var h = client.hello();
        if (h.pageSize() != hello.pageSize()) {
            throw new ImplementationFailure(ImplementationFailure.Kind.PROTOCOL, "the page size changed between runs: "
                    + hello.pageSize() + " then " + h.pageSize());
        }
    }

    private void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private String failureReport(Result.Failed f, String target) {
        // Re-run the shrunk choices once more to get its lines and a replayable trace.
        var choices = Choices.replaying(f.counterexample().choices(), 100_000, hello.pageSize());
        Case c;
        try {
            c = runCase(choices);
        } catch (ImplementationFailure e) {
            c = new Case(List.of(), e.getMessage(), "exited", null, false);
        }
        var sb = new StringBuilder();
        sb.append("drive: FAILED against ").append(target).append(" under profile ").append(profile.word())
                .append(" (seed ").append(f.seed()).append(", ").append(f.tries()).append(" sequences, shrunk in ")
                .append(f.shrinkRuns()).append(" runs)\n");
        if (c.failure() == null) {
            sb.append("the shrunk sequence passed when run again (a flaky implementation?); the engine's report:\n")
                    .append(f.report()).append('\n');
            return sb.toString();
        }
        var built = new Trace("minimal failing trace", header(),
                List.of("minimal failing sequence found by: ashmem drive --seed " + f.seed() + " --profile " + profile.word()),
                c.lines());
        // Parsed back, so that the report's line numbers are those of the trace as printed.
        var trace = TraceParser.parse("minimal failing trace", TracePrinter.print(built));
        sb.append("minimal failing trace (").append(c.lines().size()).append(c.pending() != null ? " + 1" : "").append(" steps):\n\n");
        sb.append(TracePrinter.print(trace));
        if (c.pending() != null) {
            sb.append(c.pending()).append("  # no valid reply\n\n");
            sb.append(c.failure()).append('\n');
        } else {
            sb.append('\n');
            var replay = Replayer.replay(trace, profile);
            sb.append(Reports.render(replay));
        }
        sb.append("\nreplay: save the trace above and run 'ashmem replay FILE'; search again: --seed ").append(f.seed())
                .append(" (engine choices ").append(f.encoding()).append(")\n");
        return sb.toString();
    }
}
