package dev.ashmem.oracle.replay;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.Result;
import dev.ashmem.trace.Name;
import dev.ashmem.trace.Outcome;
import dev.ashmem.trace.ResultsMode;
import dev.ashmem.trace.Step;
import dev.ashmem.trace.Trace;
import dev.ashmem.trace.TraceLine;
import dev.ashmem.trace.Traces;
import java.util.ArrayList;

/**
 * Runs a trace's operations on any in-process implementation and records what it returned, named by
 * its own numbers: the trace an outside implementation would print. Replaying the recording checks the
 * implementation against the model.
 */
public final class DeviceRecorder {
    private DeviceRecorder() {
    }

    public static Trace record(Trace input, AshmemDevice device) {
        var handles = new Binder(input.header().names());
        var mappings = new Binder(input.header().names());
        var out = new ArrayList<TraceLine>();
        for (var line : input.lines()) {
            var step = rename(line.step(), handles, mappings);
            var op = Traces.op(step, input.header().caller());
            Result r = op.applyTo(device);
            var observed = Traces.outcome(step, r, ResultsMode.KERNEL);
            if (observed instanceof Outcome.Ret ret && step instanceof Step.Ioctl) {
                observed = new Outcome.Ret(input.header().results().ioctlValue(ret.value()));
            }
            if (r instanceof Result.Value v && step.binds()) {
                var traceName = line.outcome() instanceof Outcome.Bound b ? b.name() : Name.of(v.value());
                (step instanceof Step.Mmap ? mappings : handles).bind(traceName, (int) v.value());
            }
            if (!r.isError()) {
                switch (line.step()) {
                    case Step.Close s -> handles.unbind(s.fd());
                    case Step.Munmap s -> mappings.unbind(s.map());
                    default -> {
                    }
                }
            }
            out.add(new TraceLine(line.number(), step, observed, line.comment(), line.leading()));
        }
        return input.withLines(out);
    }

    /** The step with the trace's names replaced by the device's numbers (unbound names by an invalid one). */
    private static Step rename(Step s, Binder handles, Binder mappings) {
        return switch (s) {
            case Step.Open o -> o;
            case Step.Dup o -> new Step.Dup(Name.of(handles.resolve(o.fd())));
            case Step.Close o -> new Step.Close(Name.of(handles.resolve(o.fd())));
            case Step.Ioctl o -> new Step.Ioctl(Name.of(handles.resolve(o.fd())), o.cmd(), o.caller());
            case Step.Mmap o -> new Step.Mmap(Name.of(handles.resolve(o.fd())), o.length(), o.prot(), o.shared(), o.offset(), o.caller());
            case Step.Munmap o -> new Step.Munmap(Name.of(mappings.resolve(o.map())));
            case Step.Mprotect o -> new Step.Mprotect(Name.of(mappings.resolve(o.map())), o.prot(), o.caller());
            case Step.Load o -> new Step.Load(Name.of(mappings.resolve(o.map())), o.offset(), o.length());
            case Step.Store o -> new Step.Store(Name.of(mappings.resolve(o.map())), o.offset(), o.data());
            case Step.Read o -> new Step.Read(Name.of(handles.resolve(o.fd())), o.count());
            case Step.Llseek o -> new Step.Llseek(Name.of(handles.resolve(o.fd())), o.offset(), o.whence());
            case Step.ShrinkCount o -> o;
            case Step.ShrinkScan o -> o;
            // No names; a device cannot take a shrinker thread's step on its own (Traces.op says so).
            case Step.ShrinkMark o -> o;
            case Step.ShrinkPunch o -> o;
            case Step.ShrinkRelease o -> o;
        };
    }
}
