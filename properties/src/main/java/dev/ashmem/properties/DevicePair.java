package dev.ashmem.properties;

import dev.ashmem.generator.OpKind;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Op;
import dev.ashmem.model.Result;
import dev.ashmem.model.Whence;
import dev.ashmem.trace.Traces;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The model and an implementation under test, driven in lock step. After each operation the two
 * must agree on the result and on the whole observable state, including the bytes of every backing
 * file (read through read(), which never faults pages in) and of every private mapping.
 */
public final class DevicePair implements AutoCloseable {
    private static final String STATE_DIFFERS = "observable state differs";
    /** How much of each file the content comparison reads; the generators keep regions below it. */
    static final int CONTENT_WINDOW = 64 * 1024;

    private final AshmemModel model;
    private final AshmemDevice impl;
    private final Capabilities capabilities;
    private final List<Op> ops = new ArrayList<>();
    private final List<Result> expected = new ArrayList<>();
    private final List<Result> observed = new ArrayList<>();
    /** What the implementation threw on the last operation, if it threw (its observed result is then null). */
    private RuntimeException thrown;
    /** The model's state, cached between operations: generators and preconditions read it often. */
    private DeviceSnapshot modelState;

    public DevicePair(AshmemModel model, AshmemDevice impl) {
        this(model, impl, Capabilities.full());
    }

    /** A pair comparing what {@code capabilities} lets the implementation show. */
    public DevicePair(AshmemModel model, AshmemDevice impl, Capabilities capabilities) {
        this.model = Objects.requireNonNull(model, "model");
        this.impl = Objects.requireNonNull(impl, "impl");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        if (model.pageSize() != impl.pageSize()) {
            throw new IllegalArgumentException("page sizes differ: model " + model.pageSize() + ", implementation " + impl.pageSize());
        }
    }

    public AshmemModel model() {
        return model;
    }

    public AshmemDevice impl() {
        return impl;
    }

    /** The model's current observable state. */
    public DeviceSnapshot state() {
        if (modelState == null) {
            modelState = model.snapshot();
        }
        return modelState;
    }

    public int pageSize() {
        return model.pageSize();
    }

    /**
     * The operations so far with the model's results, in the trace format: {@code ashmem replay} on it
     * passes, and an implementation run through it diverges where this pair did. Lines where the
     * implementation returned something else say so in a comment.
     */
    public String trace() {
        var t = Traces.of(pageSize(), ops, expected);
        var lines = new ArrayList<dev.ashmem.trace.TraceLine>();
        for (int i = 0; i < t.lines().size(); i++) {
            var line = t.lines().get(i);
            var actual = observed.get(i);
            boolean differs = !Objects.equals(expected.get(i), actual);
            lines.add(!differs ? line : line.withComment("implementation: " + (actual == null
                    ? "threw " + thrown : Traces.outcomeText(line.step(), actual))));
        }
        return dev.ashmem.trace.TracePrinter.print(t.withLines(lines));
    }

    /** What a step did and the rules it fired. */
    public record Outcome(Result expected, Result actual, List<String> rules) {
        public boolean agrees() {
            return expected.equals(actual);
        }
    }

    /** Runs one operation on both sides. */
    public Outcome apply(Op op) {
        modelState = null;
        var expected = op.applyTo(model);
        var rules = model.lastRules();
        ops.add(op);
        this.expected.add(expected);
        this.rules = rules;
        Result actual;
        try {
            actual = op.applyTo(impl);
        } catch (RuntimeException e) {
            thrown = e;
            observed.add(null); // the trace keeps the step, with what the implementation threw
            throw e;
        }
        observed.add(actual);
        return new Outcome(expected, actual, rules);
    }

    /** The rules the model fired on the last operation. */
    private List<String> rules = List.of();

    /**
     * The last operation as the failing step of a chain: the operation, the rules the model fired, its
     * result, and how the implementation disagreed ({@link Mismatch}); null before the first operation.
     */
    public FailingStep lastStep() {
        if (ops.isEmpty()) {
            return null;
        }
        var want = expected.getLast();
        var got = observed.getLast();
        Mismatch mismatch;
        if (got == null) {
            mismatch = Mismatch.THREW;
        } else if (!want.equals(got)) {
            mismatch = Mismatch.RESULT;
        } else {
            String d;
            try {
                d = difference();
            } catch (RuntimeException e) {
                d = null;
                mismatch = Mismatch.THREW; // its snapshot or read threw
                return new FailingStep(ops.getLast(), rules, want, mismatch);
            }
            mismatch = d == null ? Mismatch.NONE : d.startsWith(STATE_DIFFERS) ? Mismatch.STATE : Mismatch.CONTENT;
        }
        return new FailingStep(ops.getLast(), rules, want, mismatch);
    }

    /**
     * The first observable difference between the two sides, or null when they agree: the whole state
     * when the implementation exposes it, then the content.
     */
    public String difference() {
        var m = state();
        if (capabilities.exposesState()) {
            var i = impl.snapshot();
            if (!m.equals(i)) {
                return STATE_DIFFERS + "\n  model:          " + indent(m) + "\n  implementation: " + indent(i);
            }
        }
        return contentDifference(m);
    }

    private String contentDifference(DeviceSnapshot state) {
        int P = pageSize();
        // Without read() or llseek() the files' bytes are compared through the mappings that show them.
        boolean byRead = capabilities.supports(OpKind.READ) && capabilities.supports(OpKind.LLSEEK);
        for (var area : state.areas()) {
            if (!byRead || !area.hasFile()) {
                continue;
            }
            int fd = area.handles().getFirst();
            long position = area.position();
            int window = (int) Math.min(Long.compareUnsigned(area.size(), CONTENT_WINDOW) < 0 ? area.size() : CONTENT_WINDOW, CONTENT_WINDOW);
            var expected = readAt(model, fd, window);
            var actual = readAt(impl, fd, window);
            restore(model, fd, position);
            restore(impl, fd, position);
            if (!expected.equals(actual)) {
                return "content of area " + area.id() + " differs: model " + expected + ", implementation " + actual;
            }
        }
        boolean loads = capabilities.supports(OpKind.ACCESS);
        for (var m : state.mappings()) {
            if (!loads || (m.shared() && byRead) || (m.prot() & 1) == 0) {
                continue; // shared windows show the file (compared above); no READ right, nothing to load
            }
            int length = (int) Math.min(m.length(), 4L * P);
            var expected = model.load(m.id(), 0, length);
            var actual = impl.load(m.id(), 0, length);
            modelState = null; // a load may fault a page in
            if (!expected.equals(actual)) {
                return (m.shared() ? "shared" : "private") + " mapping " + m.id() + " differs: model " + expected + ", implementation " + actual;
            }
        }
        return null;
    }

    private static Result readAt(AshmemDevice d, int fd, int length) {
        d.llseek(fd, 0, Whence.SEEK_SET);
        return d.read(fd, length);
    }

    private static void restore(AshmemDevice d, int fd, long position) {
        d.llseek(fd, position, Whence.SEEK_SET);
    }

    private static String indent(DeviceSnapshot s) {
        return s.toString().replace("\n", "\n                  ");
    }

    private Runnable onClose = () -> { };

    /** Something to run when the chain ends, before the implementation is closed. */
    void onClose(Runnable action) {
        onClose = Objects.requireNonNull(action);
    }

    @Override
    public void close() {
        try {
            onClose.run();
        } finally {
            impl.close();
        }
    }
}
