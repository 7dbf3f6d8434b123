package dev.ashmem.check.explore;

/**
 * Figures of one exploration.
 *
 * @param states        distinct states stored
 * @param successors    successor states generated (enabled actions applied, self-loops included)
 * @param changed       successors that differ from their state (the others are self-loops: results only)
 * @param pruned        successors outside the scope's bounds, not explored
 * @param depth         the deepest BFS level reached
 * @param complete      every reachable state within the bounds was expanded (no depth cut)
 * @param nanos         wall time
 * @param cpuNanos      CPU time of the exploring threads, workers included (the fair figure when the machine is shared)
 * @param pathCpuNanos  CPU time along the critical path: the main thread's, plus in each parallel phase what the busiest
 *                      member of the crew spent beyond the main thread; the wall time the run would take with a core per
 *                      thread (load from other jobs aside)
 * @param peakHeapBytes the largest used heap sampled during the run
 * @param storeBytes    memory of the state store
 * @param words         longs per packed state
 * @param actions       size of the alphabet
 */
public record Stats(long states, long successors, long changed, long pruned, int depth, boolean complete, long nanos, long cpuNanos, long pathCpuNanos,
                    long peakHeapBytes, long storeBytes, int words, int actions) {

    public double seconds() {
        return nanos / 1e9;
    }

    public double cpuSeconds() {
        return cpuNanos / 1e9;
    }

    /** Successors per CPU second of the exploring threads. */
    public double successorsPerCpuSecond() {
        return successors / Math.max(1e-9, cpuSeconds());
    }

    public double statesPerCpuSecond() {
        return states / Math.max(1e-9, cpuSeconds());
    }

    public double successorsPerSecond() {
        return successors / Math.max(1e-9, seconds());
    }

    public double statesPerSecond() {
        return states / Math.max(1e-9, seconds());
    }

    public String summary() {
        return summary(complete ? "complete" : "depth-bounded");
    }

    /** What {@link #summary(String)} prints, read back (times and sizes to the printed precision). */
    private static final java.util.regex.Pattern SUMMARY = java.util.regex.Pattern.compile(
            "states ([\\d,]+) \\(([^)]*)\\), successors ([\\d,]+) \\(([\\d,]+) changing the state\\), pruned ([\\d,]+), depth (\\d+), "
                    + "time ([\\d.]+) s \\(cpu ([\\d.]+) s, critical path ([\\d.]+) s\\), .*peak heap ([\\d,]+) MB, store ([\\d,]+) MB, "
                    + "(\\d+) long\\(s\\)/state, (\\d+) actions");

    /**
     * The figures of a {@link #summary} line (the text may hold more around it, e.g. a "# stats: " prefix);
     * {@code complete} is read from its qualifier. Throws IllegalArgumentException when the text holds none.
     */
    public static Stats parse(String text) {
        var m = SUMMARY.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("no model-check figures in '" + text + "'");
        }
        return new Stats(count(m.group(1)), count(m.group(3)), count(m.group(4)), count(m.group(5)), Integer.parseInt(m.group(6)),
                m.group(2).equals("complete"), nanos(m.group(7)), nanos(m.group(8)), nanos(m.group(9)),
                count(m.group(10)) << 20, count(m.group(11)) << 20, Integer.parseInt(m.group(12)), Integer.parseInt(m.group(13)));
    }

    private static long count(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }

    private static long nanos(String seconds) {
        return new java.math.BigDecimal(seconds).movePointRight(9).longValueExact();
    }

    /** The figures on one line, the states' count qualified by {@code how} (complete, depth-bounded, ...). */
    public String summary(String how) {
        return String.format(java.util.Locale.ROOT,
                "states %,d (%s), successors %,d (%,d changing the state), pruned %,d, depth %d, time %.2f s (cpu %.2f s, critical path %.2f s), %,.0f successors/s (%,.0f per cpu s), %,.0f states/s (%,.0f per cpu s), peak heap %,d MB, store %,d MB, %d long(s)/state, %d actions",
                states, how, successors, changed, pruned, depth, seconds(), cpuSeconds(), pathCpuNanos / 1e9, successorsPerSecond(),
                successorsPerCpuSecond(), statesPerSecond(), statesPerCpuSecond(), peakHeapBytes >> 20, storeBytes >> 20, words, actions);
    }
}
