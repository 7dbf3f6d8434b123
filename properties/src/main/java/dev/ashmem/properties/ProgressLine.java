package dev.ashmem.properties;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * A progress line that reads well where it goes: on a terminal it is rewritten in place with {@code \r}
 * about once a second; in a log file or a pipe, where {@code \r} leaves fragments, it is a line of its own
 * every few seconds. The campaign's differential part and the model checker ({@code ./ashmem model-check})
 * both report through it.
 */
public final class ProgressLine {
    /** How often a live line is rewritten. */
    static final long LIVE_NANOS = 1_000_000_000L;
    /** How often a logged line is written. */
    static final long LOG_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean live;
    private final LongSupplier clock;
    private long last = Long.MIN_VALUE;
    private int width;

    ProgressLine(PrintStream out, boolean live, LongSupplier clock) {
        this.out = out;
        this.live = live;
        this.clock = clock;
    }

    /**
     * A live line when {@code out} is the process's standard output or error and the process is on a terminal
     * (a console: Java tells no more; redirecting standard output makes both plain), one line every few seconds otherwise.
     */
    public static ProgressLine to(PrintStream out) {
        boolean terminal = System.console() != null && System.console().isTerminal();
        return new ProgressLine(out, (out == System.out || out == System.err) && terminal, System::nanoTime);
    }

    /** A line that is {@code live} or not whatever {@code out} is, timed by {@code clock} (nanoseconds): for tests. */
    public static ProgressLine of(PrintStream out, boolean live, LongSupplier clock) {
        return new ProgressLine(out, live, clock);
    }

    /** Whether {@link #update} would show a text now: a caller can skip making one that would not be shown. */
    public boolean due() {
        return last == Long.MIN_VALUE || clock.getAsLong() - last >= (live ? LIVE_NANOS : LOG_NANOS);
    }

    /** Shows {@code text} now if the last one is old enough (the first one always). */
    public void update(String text) {
        long now = clock.getAsLong();
        if (last != Long.MIN_VALUE && now - last < (live ? LIVE_NANOS : LOG_NANOS)) {
            return;
        }
        last = now;
        if (live) {
            // Pad over a longer previous text so no fragment of it stays visible.
            out.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
            width = text.length();
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** A line of its own among the progress lines (after ending a live one). */
    public void note(String line) {
        finish();
        out.println(line);
        out.flush();
    }

    /** Ends a live line, so what follows starts on a line of its own. */
    public void finish() {
        if (live && width > 0) {
            out.println();
            width = 0;
        }
    }
}
