package dev.ashmem.pbt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The context of one test case: draws values, records labels for statistics, and (only when the engine
 * asks for a description, i.e. for the final minimal case) renders what happened line by line.
 */
public final class Ctx {

    private final Choices choices;
    private final Config config;
    private final boolean describing;
    private final boolean counting;
    private final List<String> lines;
    private Map<String, Integer> labels;
    private int draws;
    private int steps;

    Ctx(Choices choices, Config config, boolean describing, boolean counting) {
        this.choices = choices;
        this.config = config;
        this.describing = describing;
        this.counting = counting;
        this.lines = describing ? new ArrayList<>() : List.of();
    }

    /** Draws a value; the report shows it as {@code draw N: value}. */
    public <T> T draw(Gen<T> gen) {
        T value = gen.draw(choices);
        if (describing) lines.add("draw " + (++draws) + ": " + Show.show(value));
        return value;
    }

    /** Draws a value; the report shows it as {@code name = value}. */
    public <T> T draw(Gen<T> gen, String name) {
        T value = gen.draw(choices);
        if (describing) lines.add(name + " = " + Show.show(value));
        return value;
    }

    /** Draws a long without boxing. */
    public long drawLong(LongGen gen, String name) {
        long value = gen.drawLong(choices);
        if (describing) lines.add(name + " = " + value);
        return value;
    }

    /** Draws an int without boxing. */
    public int drawInt(IntGen gen, String name) {
        int value = gen.drawInt(choices);
        if (describing) lines.add(name + " = " + value);
        return value;
    }

    /** Counts {@code label} in the run's statistics (for example the spec rule a case exercised). */
    public void label(String label) {
        if (counting) {
            if (labels == null) labels = new HashMap<>();
            labels.merge(label, 1, Integer::sum);
        }
    }

    /** Counts {@code label} when {@code condition} holds. */
    public void classify(boolean condition, String label) {
        if (condition) label(label);
    }

    /** Discards this test case unless {@code condition} holds; discarded cases do not count as tries. */
    public void assume(boolean condition) {
        if (!condition) throw new Discard(Discard.Kind.ASSUMPTION, "assume(..)");
    }

    public void assume(boolean condition, String why) {
        if (!condition) throw new Discard(Discard.Kind.ASSUMPTION, "assume(" + why + ")");
    }

    /** Fails with {@link CheckFailure} naming {@code label} unless {@code condition} holds. */
    public void check(boolean condition, String label) {
        if (!condition) throw new CheckFailure(label, "check '" + label + "' failed");
    }

    /**
     * Like {@link #check(boolean, String)}, with details in the message. Only the label identifies the
     * failure while shrinking, so put generated values in {@code detail}, never in the label.
     */
    public void check(boolean condition, String label, Supplier<String> detail) {
        if (!condition) throw new CheckFailure(label, "check '" + label + "' failed: " + detail.get());
    }

    /** Fails with {@link CheckFailure} naming {@code label} unless the values are equal. */
    public void checkEquals(Object expected, Object actual, String label) {
        if (!Objects.equals(expected, actual)) {
            throw new CheckFailure(label,
                    "check '" + label + "' failed: expected " + Show.show(expected) + " but was " + Show.show(actual));
        }
    }

    /** Adds a line to the counterexample report. */
    public void note(String line) {
        if (describing) lines.add(line);
    }

    /** Adds a lazily built line; the supplier runs only for the reported case. */
    public void note(Supplier<String> line) {
        if (describing) lines.add(line.get());
    }

    /** True only while the minimal case is re-run to build its report; use it to skip costly rendering. */
    public boolean describing() {
        return describing;
    }

    public Config config() {
        return config;
    }

    /** The raw choice source, for custom generators. */
    public Choices choices() {
        return choices;
    }

    /** Steps executed so far by state machines in this case. */
    public int steps() {
        return steps;
    }

    void countStep() {
        steps++;
    }

    List<String> lines() {
        return lines;
    }

    Map<String, Integer> labels() {
        return labels == null ? Map.of() : labels;
    }
}
