package dev.ashmem.pbt;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The context of one step of an action chain. Arguments drawn here are remembered so the step reads
 * like a call in the report: {@code step 3: unpin(h0, 4096, 8192) -> 0}.
 */
public final class Step {

    private final Ctx ctx;
    private final int number;
    private final String action;
    private final List<String> args;
    private String call;

    Step(Ctx ctx, int number, String action) {
        this.ctx = ctx;
        this.number = number;
        this.action = action;
        this.args = ctx.describing() ? new ArrayList<>(4) : null;
    }

    /** Draws an argument, shown with {@link Show}. */
    public <T> T draw(Gen<T> gen) {
        T value = gen.draw(ctx.choices());
        if (args != null) args.add(Show.show(value));
        return value;
    }

    /** Draws an argument, shown with {@code show} (for example {@code h -> "h" + h}). */
    public <T> T draw(Gen<T> gen, Function<? super T, String> show) {
        T value = gen.draw(ctx.choices());
        if (args != null) args.add(show.apply(value));
        return value;
    }

    /** Draws a long argument without boxing. */
    public long drawLong(LongGen gen) {
        long value = gen.drawLong(ctx.choices());
        if (args != null) args.add(Long.toString(value));
        return value;
    }

    /** Draws an int argument without boxing. */
    public int drawInt(IntGen gen) {
        int value = gen.drawInt(ctx.choices());
        if (args != null) args.add(Integer.toString(value));
        return value;
    }

    /** Replaces the generated call text {@code name(args…)} with {@code text}. */
    public void describe(String text) {
        if (args != null) call = text;
    }

    /** As {@link #describe(String)}, computing the text only when the case is being described. */
    public void describe(java.util.function.Supplier<String> text) {
        if (args != null) call = text.get();
    }

    /** 1-based position of this step in the chain. */
    public int number() {
        return number;
    }

    public String action() {
        return action;
    }

    public Ctx ctx() {
        return ctx;
    }

    public void label(String label) {
        ctx.label(label);
    }

    public void check(boolean condition, String label) {
        ctx.check(condition, label);
    }

    public void check(boolean condition, String label, java.util.function.Supplier<String> detail) {
        ctx.check(condition, label, detail);
    }

    public void checkEquals(Object expected, Object actual, String label) {
        ctx.checkEquals(expected, actual, label);
    }

    String render(boolean showResult, Object result) {
        String text = call != null ? call : action + "(" + String.join(", ", args) + ")";
        String line = "step " + number + ": " + text;
        return showResult && result != null ? line + " -> " + Show.show(result) : line;
    }
}
