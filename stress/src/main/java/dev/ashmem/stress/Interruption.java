package dev.ashmem.stress;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A command's run that Ctrl-C (SIGINT) or SIGTERM may stop (campaign, stress). While the run is
 * under way a JVM shutdown first fixes what the run had found, then ends every process this JVM started
 * and theirs ({@link ProcessTree}: the stress JVM, jcstress' forks), then prints that
 * partial summary, marked interrupted; the JVM exits 128 + the signal (130, 143) as it does for any
 * signal it handles. A run that ends normally removes the hook ({@link #close}), so its own verdict is
 * the last word.
 */
public final class Interruption implements AutoCloseable {
    /** How long children get to end on SIGTERM before SIGKILL. */
    static final Duration GRACE = Duration.ofSeconds(3);

    private final Thread hook;
    private volatile boolean interrupting;

    private Interruption(Supplier<Runnable> snapshot) {
        hook = new Thread(() -> {
            interrupting = true;
            // Read the run's state before ending the children: their exit would move it on.
            Runnable summary = snapshot.get();
            ProcessTree.endDescendants(GRACE);
            summary.run();
        }, "ashmem-interrupted");
    }

    /**
     * Guards a run until {@link #close}. On a signal, {@code snapshot} is called first (it stops the run
     * from starting anything new and fixes what it found so far); the summary it returns is printed once
     * every child process has ended.
     */
    public static Interruption during(Supplier<Runnable> snapshot) {
        var interruption = new Interruption(snapshot);
        Runtime.getRuntime().addShutdownHook(interruption.hook);
        return interruption;
    }

    /** Whether a signal is stopping the run. */
    public boolean interrupting() {
        return interrupting;
    }

    /**
     * For the run's own thread, when a child it waited for has ended: if a signal ended it, waits for the
     * JVM to halt, so that no verdict of the run's follows the interrupted summary.
     */
    public void awaitHaltIfInterrupted() throws InterruptedException {
        while (interrupting) {
            Thread.sleep(1_000);
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs and has the last word
        }
    }
}
