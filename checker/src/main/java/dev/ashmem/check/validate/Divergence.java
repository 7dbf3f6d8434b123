package dev.ashmem.check.validate;

import dev.ashmem.check.trace.TracePrinter;
import dev.ashmem.check.trace.TraceStep;
import java.io.PrintStream;
import java.util.List;

/**
 * Two things that must agree did not: the kernel and the model (validation), or an implementation and
 * the model (refinement), after the given trace.
 *
 * @param pageSize the scope's page size, for the printed trace
 * @param what     result, state, invariants or packed step
 * @param setup    the setup prefix
 * @param steps    the path; its last step is the one that diverged (results are the model's)
 * @param expected the model's side
 * @param actual   the other side
 */
public record Divergence(int pageSize, String what, List<TraceStep> setup, List<TraceStep> steps, boolean threads, String expected, String actual) {
    public Divergence {
        setup = List.copyOf(setup);
        steps = List.copyOf(steps);
    }

    public void print(PrintStream out) {
        out.println("# DIVERGENCE in " + what + " after " + steps.size() + " step(s); the trace has the model's results:");
        TracePrinter.printTrace(pageSize, setup, steps, threads, out);
        out.println("# model:");
        expected.lines().forEach(l -> out.println("#   " + l));
        out.println("# other:");
        actual.lines().forEach(l -> out.println("#   " + l));
    }
}
