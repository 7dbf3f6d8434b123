package dev.ashmem.pbt;

/**
 * Thrown when a property does not pass. The message is the full report (minimal example, seed, replay
 * instructions); the cause, if any, is the original failure of the minimal case. It has no stack trace
 * of its own: the engine's frames would only hide the cause's. Further distinct failures of the run
 * (see {@link Config#maxFailures()}) are its suppressed exceptions.
 */
public final class PropertyFailure extends AssertionError {

    private final transient Result result;

    public PropertyFailure(Result result) {
        super(result.report(), result instanceof Result.Failed f ? f.counterexample().failure() : null);
        this.result = result;
        if (result instanceof Result.Failed f) {
            // The further distinct failures travel as suppressed exceptions, so their stack traces print too.
            for (Result.Failed other : f.others()) {
                Throwable t = other.counterexample().failure();
                if (t != null && t != getCause()) addSuppressed(t);
            }
        }
    }

    public Result result() {
        return result;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
