package dev.ashmem.trace;

import java.util.List;
import java.util.Objects;

/**
 * One operation line of a trace.
 *
 * @param number  the line number in its source (0 when the line was built, not parsed)
 * @param step    the operation
 * @param outcome the recorded result, or null when the line has none (input to {@code expect})
 * @param comment the trailing comment without {@code #}, or null
 * @param leading whole-line comments just above this line, without {@code #}
 */
public record TraceLine(int number, Step step, Outcome outcome, String comment, List<String> leading) {
    public TraceLine {
        Objects.requireNonNull(step);
        leading = List.copyOf(leading);
    }

    public TraceLine(Step step, Outcome outcome) {
        this(0, step, outcome, null, List.of());
    }

    public TraceLine withOutcome(Outcome o) {
        return new TraceLine(number, step, o, comment, leading);
    }

    public TraceLine withComment(String c) {
        return new TraceLine(number, step, outcome, c, leading);
    }
}
