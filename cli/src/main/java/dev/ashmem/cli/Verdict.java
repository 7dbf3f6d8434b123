package dev.ashmem.cli;

/** How one part of the campaign ended, as the summary line words it. */
enum Verdict {
    PASSED("passed"),
    FAILED("FAILED"),
    SKIPPED("skipped"),
    /** Stopped by SIGINT/SIGTERM while it ran: neither a pass nor a failure. */
    INTERRUPTED("interrupted"),
    /** An interrupt came before this part started. */
    NOT_RUN("not run");

    private final String word;

    Verdict(String word) {
        this.word = word;
    }

    static Verdict of(boolean passed) {
        return passed ? PASSED : FAILED;
    }

    boolean ok() {
        return this == PASSED || this == SKIPPED;
    }

    @Override
    public String toString() {
        return word;
    }
}
