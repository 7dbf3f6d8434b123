package dev.ashmem.pbt;

/**
 * Thrown when a property does not pass. The message is the full report (minimal example, seed, replay
 * instructions); the cause, if any, is the original failure of the minimal case. It has no stack trace
 * of its own: the engine's frames would only hide the cause's.
 */
public final class PropertyFailure extends AssertionError {

    private final transient Result result;

    public PropertyFailure(Result result) {
        super(result.report(), result instanceof Result.Failed f ? f.counterexample().failure() : null);
        this.result = result;
    }

    public Result result() {
        return result;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
