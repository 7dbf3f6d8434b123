package dev.ashmem.pbt;

/**
 * Thrown through user code to abandon the current test case without failing it: an assumption did not
 * hold, a filter ran out of retries, or the case drew too many choices. Stackless: it is control flow.
 */
final class Discard extends RuntimeException {

    enum Kind { ASSUMPTION, FILTER, OVERRUN }

    static final Discard OVERRUN = new Discard(Kind.OVERRUN, "too many choices");

    final Kind kind;
    /** What discarded the case: the filter's generator description or the assumption's label. */
    final String source;

    Discard(Kind kind, String source) {
        super(source, null, false, false);
        this.kind = kind;
        this.source = source;
    }
}
