package dev.ashmem.check.trace;

import dev.ashmem.model.Caller;
import dev.ashmem.model.Invariants.Violation;
import dev.ashmem.trace.NameMode;
import dev.ashmem.trace.Outcome;
import dev.ashmem.trace.ResultsMode;
import dev.ashmem.trace.Step;
import dev.ashmem.trace.Trace;
import dev.ashmem.trace.TraceHeader;
import dev.ashmem.trace.TraceLine;
import dev.ashmem.trace.Traces;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The checker's traces in the trace format (spec/trace-format.md), with the model's results: save one
 * and {@code ./ashmem replay FILE} runs it. Caller threads are comments; shrinker threads' steps are the
 * format's shrink_mark, shrink_punch and shrink_release; what the checker found is in {@code #} comments.
 */
public final class TracePrinter {
    private TracePrinter() {
    }

    /** One step as a trace line with its result and comment. */
    public static String line(TraceStep step, boolean threads) {
        return dev.ashmem.trace.TracePrinter.line(traceLine(step, threads, List.of()), Caller.APP);
    }

    static TraceLine traceLine(TraceStep step, boolean threads, List<String> leading) {
        return switch (step) {
            case TraceStep.Call c -> {
                var s = Traces.step(c.op());
                var outcome = c.result() == null ? null : Traces.outcome(s, c.result(), ResultsMode.KERNEL);
                var comment = new ArrayList<String>();
                if (threads) {
                    comment.add("caller " + c.thread());
                }
                if (!c.note().isEmpty()) {
                    comment.add(c.note());
                }
                yield new TraceLine(0, s, outcome, comment.isEmpty() ? null : String.join("; ", comment), leading);
            }
            case TraceStep.Shrinker s -> {
                Step st = switch (s.step()) {
                    case "mark" -> new Step.ShrinkMark(s.thread());
                    case "punch" -> new Step.ShrinkPunch(s.thread());
                    case "release" -> new Step.ShrinkRelease(s.thread());
                    default -> throw new IllegalArgumentException("not a shrinker step: " + s.step());
                };
                yield new TraceLine(0, st, new Outcome.Ret(s.result()), s.detail().isEmpty() ? null : s.detail(), leading);
            }
        };
    }

    /** Setup and path as one trace (4 KiB pages or the scope's, names exact: the model's numbers). */
    public static Trace trace(int pageSize, List<TraceStep> setup, List<TraceStep> steps, boolean threads) {
        var lines = new ArrayList<TraceLine>();
        for (int i = 0; i < setup.size(); i++) {
            // The setup runs before any thread starts: no caller comments.
            lines.add(traceLine(setup.get(i), false, i == 0 ? List.of("setup (" + setup.size() + " steps)") : List.of()));
        }
        for (int i = 0; i < steps.size(); i++) {
            lines.add(traceLine(steps.get(i), threads, i == 0 ? List.of("path (" + steps.size() + " steps)") : List.of()));
        }
        var header = TraceHeader.defaults().withPageSize(pageSize).withNames(NameMode.EXACT);
        return new Trace("<checker>", header, lines);
    }

    public static void printTrace(int pageSize, List<TraceStep> setup, List<TraceStep> steps, boolean threads, PrintStream out) {
        out.print(dev.ashmem.trace.TracePrinter.print(trace(pageSize, setup, steps, threads)));
    }

    /** The counterexample as a trace: the violation in comments above it, the model's verdict below. */
    public static String counterexample(Counterexample cex) {
        var preamble = new ArrayList<String>();
        preamble.add("VIOLATION " + cex.violations().getFirst());
        for (var v : cex.violations().subList(1, cex.violations().size())) {
            preamble.add("      also " + v);
        }
        preamble.add("shortest counterexample: " + cex.length() + " step(s) after the setup, replayable from a fresh device"
                + " (save it and run: ./ashmem replay FILE)");
        var t = trace(cex.pageSize(), cex.setup(), cex.steps(), cex.threads());
        t = new Trace(t.source(), t.header(), preamble, t.lines());
        return dev.ashmem.trace.TracePrinter.print(t) + "# the model after this trace: " + describe(cex.modelViolations()) + "\n";
    }

    public static void printCounterexample(Counterexample cex, PrintStream out) {
        out.print(counterexample(cex));
    }

    static String describe(List<Violation> violations) {
        return violations.isEmpty() ? "every invariant it tracks holds (the checked transition function diverged from the model)"
                : "breaks " + String.join(", ", violations.stream().map(Violation::toString).toList());
    }
}
