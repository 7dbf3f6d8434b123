package dev.ashmem.cli;

/** How one part of the campaign ended, as the summary line words it. */
enum Verdict {
    PASSED("passed"),
    FAILED("FAILED"),
    SKIPPED("skipped");

    private final String word;

    Verdict(String word) {
        this.word = word;
    }

    static Verdict of(boolean passed) {
        return passed ? PASSED : FAILED;
    }

    boolean ok() {
        return this != FAILED;
    }

    @Override
    public String toString() {
        return word;
    }
}
