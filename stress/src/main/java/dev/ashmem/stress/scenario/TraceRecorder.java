package dev.ashmem.stress.scenario;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Op;
import dev.ashmem.model.Result;
import dev.ashmem.model.Whence;
import dev.ashmem.trace.NameMode;
import dev.ashmem.trace.Outcome;
import dev.ashmem.trace.ResultsMode;
import dev.ashmem.trace.Step;
import dev.ashmem.trace.Trace;
import dev.ashmem.trace.TraceHeader;
import dev.ashmem.trace.TraceLine;
import dev.ashmem.trace.TracePrinter;
import dev.ashmem.trace.Traces;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A target that writes down, as lines of {@code ashmem-trace 1} (spec/trace-format.md), every call a run
 * makes on the target it wraps, with that target's results: driver calls as their operation lines, the
 * shrinker's cut (CONC-PUNCH-UNLOCKED) as {@code shrink_mark}, {@code shrink_punch} and
 * {@code shrink_release} of a shrinker thread (one per range in flight), and a page of a split read()
 * (CONC-UNLOCKED) as an {@code llseek} to that page and a {@code read} of it. Names are the model's
 * numbers ({@code names exact}), so the text replays as written with {@code ./ashmem replay}.
 */
public final class TraceRecorder implements Target {
    private final Target inner;
    private final int pageSize;
    private final AshmemDevice device = new Recording();
    private final List<TraceLine> lines = new ArrayList<>();
    /** Shrinker thread of each range in flight (the Punch object a run passes from mark to release). */
    private final Map<Punch, Integer> threads = new IdentityHashMap<>();
    /** Comments waiting for the next line (section headings, steps that made no call). */
    private final List<String> leading = new ArrayList<>();
    /** The trailing comment of the lines the current step records; null outside the actors' steps. */
    private String who;
    private boolean recordedSinceMark;

    public TraceRecorder(Target inner) {
        this.inner = inner;
        this.pageSize = inner.device().pageSize();
    }

    /**
     * A scenario's setup on the model as trace lines with the model's results: the initial state its
     * jcstress test shows (and {@code TestFilesShowTheirSetupTest} compares with the file).
     */
    public static List<String> setup(Scenario scenario) {
        var recorder = new TraceRecorder(ModelTarget.of(scenario.pageSize()));
        scenario.start(recorder).close();
        return recorder.lines.stream().map(l -> TracePrinter.line(l, Caller.APP)).toList();
    }

    /** A comment line above whatever is recorded next (or at the end of the trace). */
    public void heading(String text) {
        leading.add(text);
    }

    /** The calls that follow are one step of a caller; {@code null}: not an actor's step (setup, observation). */
    public void step(String who) {
        this.who = who;
        this.recordedSinceMark = false;
    }

    /** Whether a line was recorded since the last {@link #step}. */
    public boolean recordedSinceStep() {
        return recordedSinceMark;
    }

    /** The lines so far as a trace with {@code preamble} comments above the header. */
    public Trace trace(List<String> preamble) {
        var header = TraceHeader.defaults().withPageSize(pageSize).withNames(NameMode.EXACT);
        return new Trace("<stress>", header, preamble, lines);
    }

    /** The printed trace; comments recorded after the last line follow it. */
    public String text(List<String> preamble) {
        var sb = new StringBuilder(TracePrinter.print(trace(preamble)));
        for (var c : leading) {
            sb.append("# ").append(c).append('\n');
        }
        return sb.toString();
    }

    private void add(Step step, Outcome outcome) {
        lines.add(new TraceLine(0, step, outcome, who, leading));
        leading.clear();
        recordedSinceMark = true;
    }

    private Result call(Op op) {
        var r = op.applyTo(inner.device());
        var step = Traces.step(op);
        add(step, Traces.outcome(step, r, ResultsMode.KERNEL));
        return r;
    }

    @Override
    public AshmemDevice device() {
        return device;
    }

    @Override
    public Optional<Punch> markHead() {
        var p = inner.markHead();
        int thread = 0;
        while (threads.containsValue(thread)) {
            thread++;
        }
        add(new Step.ShrinkMark(thread), new Outcome.Ret(p.map(Punch::pages).orElse(0L)));
        if (p.isPresent()) {
            threads.put(p.get(), thread);
        }
        return p;
    }

    @Override
    public void punch(Punch punch) {
        inner.punch(punch);
        add(new Step.ShrinkPunch(thread(punch)), new Outcome.Ret(0));
    }

    @Override
    public void release(Punch punch) {
        inner.release(punch);
        add(new Step.ShrinkRelease(thread(punch)), new Outcome.Ret(0));
        threads.remove(punch);
    }

    private int thread(Punch punch) {
        var t = threads.get(punch);
        if (t == null) {
            throw new IllegalStateException("a punch of a range this recorder did not see marked");
        }
        return t;
    }

    @Override
    public int inflight() {
        return inner.inflight();
    }

    @Override
    public boolean pinWaitsForPunches() {
        return inner.pinWaitsForPunches();
    }

    /**
     * The page at {@code pos}, taken at this instant: written as an llseek there and a read of it. The
     * position it leaves is overwritten by the read's last step (an absolute llseek), as in the model.
     */
    @Override
    public Result peek(int fd, long pos, int count) {
        var at = device.llseek(fd, pos, Whence.SEEK_SET);
        return at.isError() ? at : device.read(fd, count);
    }

    @Override
    public void close() {
        inner.close();
    }

    /** The wrapped target's device, each call written down with its result. */
    private final class Recording implements AshmemDevice {
        @Override
        public int pageSize() {
            return pageSize;
        }

        @Override
        public Result open() {
            return call(new Op.Open());
        }

        @Override
        public Result dup(int fd) {
            return call(new Op.Dup(fd));
        }

        @Override
        public Result close(int fd) {
            return call(new Op.Close(fd));
        }

        @Override
        public Result ioctl(int fd, Command cmd, Caller caller) {
            return call(new Op.Ioctl(fd, cmd, caller));
        }

        @Override
        public Result mmap(int fd, long length, int prot, boolean shared, long offset, Caller caller) {
            return call(new Op.Mmap(fd, length, prot, shared, offset, caller));
        }

        @Override
        public Result munmap(int mapping) {
            return call(new Op.Munmap(mapping));
        }

        @Override
        public Result mprotect(int mapping, int prot, Caller caller) {
            return call(new Op.Mprotect(mapping, prot, caller));
        }

        @Override
        public Result load(int mapping, long offset, int length) {
            return call(new Op.Load(mapping, offset, length));
        }

        @Override
        public Result store(int mapping, long offset, byte[] data) {
            return call(new Op.Store(mapping, offset, data));
        }

        @Override
        public Result read(int fd, int count) {
            return call(new Op.Read(fd, count));
        }

        @Override
        public Result llseek(int fd, long offset, int whence) {
            return call(new Op.Llseek(fd, offset, whence));
        }

        @Override
        public long shrinkCount() {
            return ((Result.Value) call(new Op.ShrinkCount())).value();
        }

        @Override
        public long shrinkScan(long nrToScan, boolean mayEnterFs) {
            return ((Result.Value) call(new Op.ShrinkScan(nrToScan, mayEnterFs))).value();
        }

        @Override
        public DeviceSnapshot snapshot() {
            return inner.device().snapshot();
        }
    }
}
