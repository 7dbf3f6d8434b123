package dev.ashmem.oracle.replay;

import dev.ashmem.model.Caller;
import dev.ashmem.model.MappingSnapshot;
import dev.ashmem.model.AreaSnapshot;
import dev.ashmem.model.Op;
import dev.ashmem.model.Result;
import dev.ashmem.oracle.profile.ProfileDevice;
import dev.ashmem.oracle.rules.Attribution;
import dev.ashmem.oracle.rules.Attributions;
import dev.ashmem.trace.Name;
import dev.ashmem.trace.NameMode;
import dev.ashmem.trace.Outcome;
import dev.ashmem.trace.Step;
import dev.ashmem.trace.TraceHeader;
import dev.ashmem.trace.TracePrinter;
import dev.ashmem.trace.Traces;
import java.util.List;
import java.util.Optional;

/**
 * A trace being run on an expected device: resolves names, runs each step, compares with the observed
 * result and keeps the name bindings. Used by replay, expect, generate and drive alike.
 */
public final class Session {
    private final TraceHeader header;
    private final ProfileDevice device;
    private final Binder handles;
    private final Binder mappings;
    private final ShrinkerThreads shrinkers;

    public Session(TraceHeader header, ProfileDevice device) {
        this(header, device, new Binder(header.names()), new Binder(header.names()), new ShrinkerThreads());
        if (device.pageSize() != header.pageSize()) {
            throw new IllegalArgumentException("device page size " + device.pageSize() + " but trace page-size " + header.pageSize());
        }
    }

    private Session(TraceHeader header, ProfileDevice device, Binder handles, Binder mappings, ShrinkerThreads shrinkers) {
        this.header = header;
        this.device = device;
        this.handles = handles;
        this.mappings = mappings;
        this.shrinkers = shrinkers;
    }

    public Session copy() {
        return new Session(header, device.copy(), handles.copy(), mappings.copy(), shrinkers.copy());
    }

    public TraceHeader header() {
        return header;
    }

    public ProfileDevice device() {
        return device;
    }

    /** The model operation a step stands for, with names resolved and the header's caller filled in. */
    public Op toOp(Step step) {
        return switch (step) {
            case Step.Open s -> new Op.Open();
            case Step.Dup s -> new Op.Dup(handles.resolve(s.fd()));
            case Step.Close s -> new Op.Close(handles.resolve(s.fd()));
            case Step.Ioctl s -> new Op.Ioctl(handles.resolve(s.fd()), s.cmd(), caller(s.caller()));
            case Step.Mmap s -> new Op.Mmap(handles.resolve(s.fd()), s.length(), s.prot(), s.shared(), s.offset(), caller(s.caller()));
            case Step.Munmap s -> new Op.Munmap(mappings.resolve(s.map()));
            case Step.Mprotect s -> new Op.Mprotect(mappings.resolve(s.map()), s.prot(), caller(s.caller()));
            case Step.Load s -> new Op.Load(mappings.resolve(s.map()), s.offset(), s.length());
            case Step.Store s -> new Op.Store(mappings.resolve(s.map()), s.offset(), s.data());
            case Step.Read s -> new Op.Read(handles.resolve(s.fd()), s.count());
            case Step.Llseek s -> new Op.Llseek(handles.resolve(s.fd()), s.offset(), s.whence());
            case Step.ShrinkCount s -> new Op.ShrinkCount();
            case Step.ShrinkScan s -> new Op.ShrinkScan(s.nrToScan(), s.mayEnterFs());
            case Step.ShrinkMark s -> throw notAnOp(s);
            case Step.ShrinkPunch s -> throw notAnOp(s);
            case Step.ShrinkRelease s -> throw notAnOp(s);
        };
    }

    private static IllegalArgumentException notAnOp(Step s) {
        return new IllegalArgumentException("'" + TracePrinter.step(s) + "' is a step of a shrinker thread, not a driver operation");
    }

    /**
     * The step a model operation stands for: the model's handle and mapping numbers as the names bound
     * to them; a number no name is bound to (a closed or never-made one) as a name that is never bound.
     */
    public Step toStep(Op op) {
        var step = Traces.step(op);
        return switch (step) {
            case Step.Dup s -> new Step.Dup(handleName(s.fd()));
            case Step.Close s -> new Step.Close(handleName(s.fd()));
            case Step.Ioctl s -> new Step.Ioctl(handleName(s.fd()), s.cmd(), s.caller());
            case Step.Mmap s -> new Step.Mmap(handleName(s.fd()), s.length(), s.prot(), s.shared(), s.offset(), s.caller());
            case Step.Read s -> new Step.Read(handleName(s.fd()), s.count());
            case Step.Llseek s -> new Step.Llseek(handleName(s.fd()), s.offset(), s.whence());
            case Step.Munmap s -> new Step.Munmap(mappingName(s.map()));
            case Step.Mprotect s -> new Step.Mprotect(mappingName(s.map()), s.prot(), s.caller());
            case Step.Load s -> new Step.Load(mappingName(s.map()), s.offset(), s.length());
            case Step.Store s -> new Step.Store(mappingName(s.map()), s.offset(), s.data());
            default -> step;
        };
    }

    /** Never bound: fd -1 gets EBADF from any implementation. */
    private static final Name NO_HANDLE = new Name("-1");
    /** Never bound: no mapping lives at address 0. */
    private static final Name NO_MAPPING = new Name("0");

    /**
     * Whether an implementation's name can stand for the new handle or mapping: not one still standing for
     * a live one (two live handles never share a number, nor two mappings an address), not a C failure
     * value (a negative fd, MAP_FAILED) or address 0, and not the names kept for "never bound".
     */
    private static boolean bindable(Name name, boolean mapping, Binder binder) {
        if (binder.isBound(name)) {
            return false;
        }
        var n = name.number();
        if (n.isEmpty()) {
            return true;
        }
        return mapping ? n.get() != 0 && n.get() != -1 : n.get() >= 0;
    }

    private Name handleName(Name modelNumber) {
        return bound(handles, modelNumber, NO_HANDLE);
    }

    private Name mappingName(Name modelNumber) {
        return bound(mappings, modelNumber, NO_MAPPING);
    }

    private Name bound(Binder binder, Name modelNumber, Name none) {
        if (header.names() == NameMode.EXACT) {
            return modelNumber;
        }
        var name = binder.nameOf(modelNumber.number().orElseThrow().intValue());
        return name == null ? none : name;
    }

    private Caller caller(Caller c) {
        return c == null ? header.caller() : c;
    }

    /**
     * Runs {@code step} on the expected device and compares with {@code observed} (null: nothing to
     * compare). A returned handle or mapping is bound to the observed name when there is one, else to
     * the model's number.
     */
    public Verdict run(Step step, Outcome observed) {
        var before = device.snapshot();
        if (ShrinkerThreads.isShrinkerStep(step)) {
            var result = shrinkers.run(step, device.model());
            var expected = Traces.outcome(step, result, header.results());
            var fired = device.model().lastRules();
            var attribution = Attributions.of(fired, result);
            return new Verdict(step, null, result, expected, observed, observed == null || expected.equals(observed),
                    attribution, fired, before, Optional.empty(), device.violations());
        }
        if (ShrinkerThreads.waits(step, device.model())) {
            // Not an exception: the correct device cannot take this step here, which is a divergence.
            var expected = new Outcome.Blocked();
            return new Verdict(step, toOp(step), null, expected, observed, observed == null || expected.equals(observed),
                    new Attribution("PINARG-WAIT", List.of("PINARG-WAIT", "CONC-INFLIGHT")), List.of(), before,
                    Optional.empty(), device.violations());
        }
        var op = toOp(step);
        Result result = op.applyTo(device);
        var expected = Traces.outcome(step, result, header.results());
        boolean badName = false;
        if (result instanceof Result.Value v && step.binds()) {
            var binder = step instanceof Step.Mmap ? mappings : handles;
            if (observed instanceof Outcome.Bound b && header.names() == NameMode.MAPPED && !bindable(b.name(), step instanceof Step.Mmap, binder)) {
                badName = true; // the model made a new handle or mapping; this name cannot stand for one
            } else {
                var name = observed instanceof Outcome.Bound b ? b.name() : Name.of(v.value());
                binder.bind(name, (int) v.value());
                if (observed instanceof Outcome.Bound b && header.names() == NameMode.MAPPED) {
                    expected = b; // a mapped name agrees with any name; show the one the trace uses
                }
            }
        }
        if (!result.isError()) {
            switch (step) {
                case Step.Close s -> handles.unbind(s.fd());
                case Step.Munmap s -> mappings.unbind(s.map());
                default -> {
                }
            }
        }
        boolean matches = !badName && (observed == null || Outcomes.agree(expected, observed, header.names()));
        var fired = device.lastRules();
        return new Verdict(step, op, result, expected, observed, matches, Attributions.of(fired, result), fired, before,
                device.lastDifference(), device.violations());
    }

    /** Handle names bound to live handles, oldest first. */
    public List<Name> liveHandles() {
        return handles.live();
    }

    /** Mapping names bound to live mappings, oldest first. */
    public List<Name> liveMappings() {
        return mappings.live();
    }

    /** The live area a handle name stands for. */
    public Optional<AreaSnapshot> area(Name handle) {
        int fd = handles.resolve(handle);
        return device.snapshot().areas().stream().filter(a -> a.handles().contains(fd)).findFirst();
    }

    /** The live mapping a mapping name stands for. */
    public Optional<MappingSnapshot> mapping(Name map) {
        int id = mappings.resolve(map);
        return device.snapshot().mappings().stream().filter(m -> m.id() == id).findFirst();
    }

    /** The bindings in words, e.g. "handles 3=fd 0, 4=fd 1; mappings 0x7f00=map 1" (empty for exact names). */
    public String bindings() {
        if (header.names() == NameMode.EXACT) {
            return "";
        }
        var sb = new StringBuilder();
        var hs = handles.live();
        var ms = mappings.live();
        if (!hs.isEmpty()) {
            sb.append("handles ").append(String.join(", ", hs.stream().map(n -> n + "=fd " + handles.resolve(n)).toList()));
        }
        if (!ms.isEmpty()) {
            sb.append(sb.isEmpty() ? "" : "; ").append("mappings ")
                    .append(String.join(", ", ms.stream().map(n -> n + "=map " + mappings.resolve(n)).toList()));
        }
        return sb.toString();
    }
}
