package dev.ashmem.properties;

import dev.ashmem.generator.OpKind;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.AreaSnapshot;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.MappingSnapshot;
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
 * file (read through read(), which never faults pages in) and of every private mapping. After a step
 * the bytes are compared where the step can have changed them ({@link #difference(Footprint)}), and
 * all of them every {@link #FULL_EVERY} steps and at the end of a chain ({@link #difference()}).
 */
public final class DevicePair implements AutoCloseable {
    private static final String STATE_DIFFERS = "observable state differs";
    /** How much of each file the content comparison reads; the generators keep regions below it. */
    static final int CONTENT_WINDOW = 64 * 1024;
    /**
     * Steps between two comparisons of every area's bytes: a difference outside a step's footprint
     * (which only a broken implementation makes) persists until the next one or the chain's end.
     */
    public static final int FULL_EVERY = 16;

    private final AshmemModel model;
    private final AshmemDevice impl;
    private final Capabilities capabilities;
    private final List<Op> ops = new ArrayList<>();
    private final List<Result> expected = new ArrayList<>();
    private final List<Result> observed = new ArrayList<>();
    /** What the implementation threw on the last operation, if it threw (its observed result is then null). */
    private Throwable thrown;
    /** The model's state, cached between operations: generators and preconditions read it often. */
    private DeviceSnapshot modelState;
    /** Steps since every area's bytes were last compared. */
    private int sinceFull;

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
        CallWatch.enter(op);
        try {
            actual = op.applyTo(impl);
        } catch (RuntimeException | Error e) {
            // An Error too (an AssertionError, a StackOverflowError of the implementation's): the step stays in
            // the trace with what was thrown; without it the trace and the failing step lost their last line.
            thrown = e;
            observed.add(null);
            throw e;
        } finally {
            CallWatch.exit();
        }
        if (actual == null) {
            thrown = new NullPointerException("the implementation returned null, not a Result");
            observed.add(null);
            throw (NullPointerException) thrown;
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
     * when the implementation exposes it, then the content of every area and mapping.
     */
    public String difference() {
        return difference(Footprint.EVERYTHING);
    }

    /**
     * The same after a step that can have changed only the bytes of {@code touched}: the whole state,
     * then the content of the touched areas and their mappings; every area's every {@link #FULL_EVERY}
     * steps.
     */
    public String difference(Footprint touched) {
        var m = state();
        if (capabilities.exposesState()) {
            var i = impl.snapshot();
            if (!m.equals(i)) {
                return STATE_DIFFERS + "\n  model:          " + indent(m) + "\n  implementation: " + indent(i);
            }
        }
        if (++sinceFull >= FULL_EVERY) {
            touched = Footprint.EVERYTHING;
        }
        if (touched.everything()) {
            sinceFull = 0;
        }
        return contentDifference(m, touched);
    }

    private String contentDifference(DeviceSnapshot state, Footprint touched) {
        // Without read() or llseek() the files' bytes are compared through the mappings that show them,
        // every one after every step: such a device's footprint is not worth the bookkeeping.
        boolean byRead = capabilities.supports(OpKind.READ) && capabilities.supports(OpKind.LLSEEK);
        boolean loads = capabilities.supports(OpKind.ACCESS);
        if (touched.everything() || !byRead) {
            for (var area : state.areas()) {
                if (byRead && area.hasFile()) {
                    var d = fileDifference(area, 0, window(area));
                    if (d != null) {
                        return d;
                    }
                }
            }
            for (var m : state.mappings()) {
                if (loads && !(m.shared() && byRead)) { // shared windows show the file (compared above)
                    var d = mappingDifference(m, 0, m.length());
                    if (d != null) {
                        return d;
                    }
                }
            }
            return null;
        }
        for (var t : touched.touches()) {
            var d = switch (t) {
                case Footprint.FileBytes f -> {
                    var area = liveArea(state, f.area());
                    yield area == null || !area.hasFile() ? null : fileDifference(area, f.offset(), f.length());
                }
                case Footprint.MappingBytes b -> {
                    var m = mapping(state, b.mapping());
                    yield m == null || !loads ? null : mappingDifference(m, b.offset(), b.length());
                }
            };
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /** How much of an area's file the comparison reads: its first {@link #CONTENT_WINDOW} bytes at most. */
    private static long window(AreaSnapshot area) {
        return Long.compareUnsigned(area.size(), CONTENT_WINDOW) < 0 ? area.size() : CONTENT_WINDOW;
    }

    /** Bytes [offset, offset + length) of the area's file, as far as they lie in its window, read through read(). */
    private String fileDifference(AreaSnapshot area, long offset, long length) {
        long window = window(area);
        if (offset < 0 || offset >= window || length <= 0) {
            return null;
        }
        int n = (int) Math.min(length, window - offset);
        int fd = area.handles().getFirst();
        var expected = readAt(model, fd, offset, n);
        var actual = readAt(impl, fd, offset, n);
        restore(model, fd, area.position());
        restore(impl, fd, area.position());
        if (expected.equals(actual)) {
            return null;
        }
        return "content of area " + area.id() + (offset == 0 ? "" : " from byte " + offset) + " differs: model " + expected
                + ", implementation " + actual;
    }

    /** Bytes [offset, offset + length) of a readable mapping, as far as they lie in its first 4 pages, through loads. */
    private String mappingDifference(MappingSnapshot m, long offset, long length) {
        long limit = Math.min(m.length(), 4L * pageSize());
        if ((m.prot() & 1) == 0 || offset < 0 || offset >= limit || length <= 0) {
            return null; // no READ right: nothing to load
        }
        int n = (int) Math.min(length, limit - offset);
        var expected = model.load(m.id(), offset, n);
        var actual = impl.load(m.id(), offset, n);
        modelState = null; // a load may fault a page in
        if (expected.equals(actual)) {
            return null;
        }
        return (m.shared() ? "shared" : "private") + " mapping " + m.id() + (offset == 0 ? "" : " from byte " + offset)
                + " differs: model " + expected + ", implementation " + actual;
    }

    private static AreaSnapshot liveArea(DeviceSnapshot state, int id) {
        for (var a : state.areas()) {
            if (a.id() == id) {
                return a;
            }
        }
        return null; // closed: its file, if a mapping keeps it, is compared through private mappings only
    }

    private static MappingSnapshot mapping(DeviceSnapshot state, int id) {
        for (var m : state.mappings()) {
            if (m.id() == id) {
                return m;
            }
        }
        return null;
    }

    private static Result readAt(AshmemDevice d, int fd, long offset, int length) {
        d.llseek(fd, offset, Whence.SEEK_SET);
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
