package dev.ashmem.pbt;

import java.util.List;

/**
 * The minimal failing case found: its report lines (drawn values, steps, notes), the failure it raised,
 * and the choice sequence that replays it.
 */
public record Counterexample(List<String> lines, Throwable failure, ChoiceSequence choices, FailureSignature signature) {

    public Counterexample {
        lines = List.copyOf(lines);
    }

    /** The text to pass to {@code @Replay} or {@code -Dpbt.replay}. */
    public String encoding() {
        return choices.encode();
    }
}
