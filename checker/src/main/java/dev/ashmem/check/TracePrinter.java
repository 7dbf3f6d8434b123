package dev.ashmem.check;

import dev.ashmem.model.Invariants.Violation;
import java.io.PrintStream;
import java.util.List;

/**
 * The one place traces are printed: one operation per line as {@code Op.toString()} followed by
 * " -> " and its result. A later trace format replaces this class alone.
 */
public final class TracePrinter {
    private TracePrinter() {
    }

    public static String line(TraceStep step, boolean threads) {
        return switch (step) {
            case TraceStep.Call c -> (threads ? "[caller " + c.thread() + "] " : "") + c.op() + " -> " + c.result()
                    + (c.note().isEmpty() ? "" : "    # " + c.note());
            case TraceStep.Shrinker s -> "[shrinker " + s.thread() + "] " + s.step() + (s.detail().isEmpty() ? "" : " -> " + s.detail());
        };
    }

    public static void printTrace(List<TraceStep> setup, List<TraceStep> steps, boolean threads, PrintStream out) {
        out.println("# setup (" + setup.size() + " steps)");
        for (var s : setup) {
            out.println(line(s, threads));
        }
        out.println("# path (" + steps.size() + " steps)");
        for (var s : steps) {
            out.println(line(s, threads));
        }
    }

    public static void printCounterexample(Counterexample cex, PrintStream out) {
        out.println("VIOLATION " + cex.violations().getFirst());
        for (var v : cex.violations().subList(1, cex.violations().size())) {
            out.println("      also " + v);
        }
        out.println("shortest counterexample: " + cex.length() + " step(s) after the setup, replayable from a fresh device:");
        printTrace(cex.setup(), cex.steps(), cex.threads(), out);
        out.println("# the model after this trace: " + describe(cex.modelViolations()));
    }

    static String describe(List<Violation> violations) {
        return violations.isEmpty() ? "every invariant it tracks holds (the checked transition function diverged from the model)"
                : "breaks " + String.join(", ", violations.stream().map(Violation::toString).toList());
    }
}
