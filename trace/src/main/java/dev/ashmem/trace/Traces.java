package dev.ashmem.trace;

import dev.ashmem.model.Caller;
import dev.ashmem.model.Op;
import dev.ashmem.model.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry points other modules use to print operation sequences (failing cases, counterexamples,
 * schedules) in the trace format, so every report in the project reads the same and can be replayed
 * with {@code ashmem replay}. Model operations carry the model's numbers, so the traces use
 * {@code names exact}.
 */
public final class Traces {
    private Traces() {
    }

    /** A trace of model operations and their results ({@code results} may be shorter: later lines get none). */
    public static Trace of(int pageSize, List<? extends Op> ops, List<? extends Result> results) {
        var lines = new ArrayList<TraceLine>();
        for (int i = 0; i < ops.size(); i++) {
            var step = step(ops.get(i));
            var outcome = i < results.size() && results.get(i) != null ? outcome(step, results.get(i), ResultsMode.KERNEL) : null;
            lines.add(new TraceLine(step, outcome));
        }
        return new Trace("<generated>", TraceHeader.defaults().withPageSize(pageSize).withNames(NameMode.EXACT), lines);
    }

    /** The printed trace of model operations and their results. */
    public static String print(int pageSize, List<? extends Op> ops, List<? extends Result> results) {
        return TracePrinter.print(of(pageSize, ops, results));
    }

    /** A model operation as a trace step named by the model's own numbers. */
    public static Step step(Op op) {
        return switch (op) {
            case Op.Open o -> new Step.Open();
            case Op.Dup o -> new Step.Dup(Name.of(o.fd()));
            case Op.Close o -> new Step.Close(Name.of(o.fd()));
            case Op.Ioctl o -> new Step.Ioctl(Name.of(o.fd()), o.cmd(), explicit(o.caller()));
            case Op.Mmap o -> new Step.Mmap(Name.of(o.fd()), o.length(), o.prot(), o.shared(), o.offset(), explicit(o.caller()));
            case Op.Munmap o -> new Step.Munmap(Name.of(o.mapping()));
            case Op.Mprotect o -> new Step.Mprotect(Name.of(o.mapping()), o.prot(), explicit(o.caller()));
            case Op.Load o -> new Step.Load(Name.of(o.mapping()), o.offset(), o.length());
            case Op.Store o -> new Step.Store(Name.of(o.mapping()), o.offset(), o.data());
            case Op.Read o -> new Step.Read(Name.of(o.fd()), o.count());
            case Op.Llseek o -> new Step.Llseek(Name.of(o.fd()), o.offset(), o.whence());
            case Op.ShrinkCount o -> new Step.ShrinkCount();
            case Op.ShrinkScan o -> new Step.ShrinkScan(o.nrToScan(), o.mayEnterFs());
        };
    }

    private static Caller explicit(Caller c) {
        return c.equals(Caller.APP) ? null : c;
    }

    /**
     * A model result as the trace records it for {@code step}: new handles and mappings as names,
     * ioctl values as {@code mode} sees them.
     */
    public static Outcome outcome(Step step, Result r, ResultsMode mode) {
        return switch (r) {
            case Result.Value v when step.binds() -> new Outcome.Bound(Name.of(v.value()));
            case Result.Value v when step instanceof Step.Ioctl -> new Outcome.Ret(mode.ioctlValue(v.value()));
            case Result.Value v -> new Outcome.Ret(v.value());
            case Result.Bytes b -> new Outcome.Data(b.runs());
            case Result.Error e -> new Outcome.Err(e.errno().name());
            case Result.Fault f -> new Outcome.Sig(f.signal());
        };
    }

    /** A model result as the trace writes it for {@code step} (kernel view). */
    public static String outcomeText(Step step, Result r) {
        return TracePrinter.outcome(outcome(step, r, ResultsMode.KERNEL), step);
    }

    /** A model operation with its result as one trace line ({@code ioctl 0 SET_SIZE 16384 -> 0}). */
    public static String line(Op op, Result r) {
        var step = step(op);
        return TracePrinter.step(step) + " -> " + outcomeText(step, r);
    }

    /**
     * A step whose names are numbers, as the model operation on those numbers ({@code defaultCaller} for
     * lines without a caller). Identifiers cannot be resolved here; a number outside int range names no
     * handle.
     */
    public static Op op(Step step, Caller defaultCaller) {
        return switch (step) {
            case Step.Open s -> new Op.Open();
            case Step.Dup s -> new Op.Dup(id(s.fd()));
            case Step.Close s -> new Op.Close(id(s.fd()));
            case Step.Ioctl s -> new Op.Ioctl(id(s.fd()), s.cmd(), caller(s.caller(), defaultCaller));
            case Step.Mmap s -> new Op.Mmap(id(s.fd()), s.length(), s.prot(), s.shared(), s.offset(), caller(s.caller(), defaultCaller));
            case Step.Munmap s -> new Op.Munmap(id(s.map()));
            case Step.Mprotect s -> new Op.Mprotect(id(s.map()), s.prot(), caller(s.caller(), defaultCaller));
            case Step.Load s -> new Op.Load(id(s.map()), s.offset(), s.length());
            case Step.Store s -> new Op.Store(id(s.map()), s.offset(), s.data());
            case Step.Read s -> new Op.Read(id(s.fd()), s.count());
            case Step.Llseek s -> new Op.Llseek(id(s.fd()), s.offset(), s.whence());
            case Step.ShrinkCount s -> new Op.ShrinkCount();
            case Step.ShrinkScan s -> new Op.ShrinkScan(s.nrToScan(), s.mayEnterFs());
            case Step.ShrinkMark s -> throw notAnOp(s);
            case Step.ShrinkPunch s -> throw notAnOp(s);
            case Step.ShrinkRelease s -> throw notAnOp(s);
        };
    }

    /** A shrinker thread's step is a step of the model, not a call of the driver surface. */
    private static IllegalArgumentException notAnOp(Step s) {
        return new IllegalArgumentException("'" + TracePrinter.step(s) + "' is a step of a shrinker thread, not a driver operation");
    }

    private static Caller caller(Caller c, Caller defaultCaller) {
        return c == null ? defaultCaller : c;
    }

    /** A number in int range; anything else is no handle of this device. */
    private static int id(Name n) {
        var v = n.number();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("this server names handles and mappings by number, not '" + n + "'");
        }
        long x = v.get();
        return x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE ? (int) x : -1;
    }
}
