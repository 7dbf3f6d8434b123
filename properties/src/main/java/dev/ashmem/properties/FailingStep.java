package dev.ashmem.properties;

import dev.ashmem.model.Op;
import dev.ashmem.model.Result;
import java.util.List;

/**
 * The step a differential chain failed on: the operation, the rules the model fired on it (in order,
 * as {@code AshmemModel.lastRules()} reports them), the model's result, and how the implementation
 * disagreed.
 */
public record FailingStep(Op op, List<String> rules, Result expected, Mismatch mismatch) {
    public FailingStep {
        rules = List.copyOf(rules);
    }

    /** The operation's kind: its trace word, with the command for an ioctl ({@code ioctl GET_SIZE}). */
    public String kind() {
        return op instanceof Op.Ioctl io ? "ioctl " + io.cmd().word().name() : op.toString().split(" ", 2)[0];
    }
}
