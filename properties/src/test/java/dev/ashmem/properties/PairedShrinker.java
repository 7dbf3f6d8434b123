package dev.ashmem.properties;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Op;
import dev.ashmem.model.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * The shrinker of a {@link DevicePair} as one {@link AshmemDevice}, for a client of the shrinker such as the
 * reference implementation's BackgroundPurger: every count and scan it makes runs on the model and on the
 * implementation in lock step through {@link DevicePair#apply} (so the chain's trace has each of them), and
 * it gets the implementation's answer. The first disagreement and every call are kept for the step to check.
 * It offers nothing else: a shrinker client that calls anything else fails the step.
 */
final class PairedShrinker implements AshmemDevice {
    /** One call the client made: the operation, the model's answer and the model's lruCount before it. */
    record Call(Op op, long expected, long countBefore) {
    }

    private final DevicePair pair;
    private final List<Call> calls = new ArrayList<>();
    private String disagreement;

    PairedShrinker(DevicePair pair) {
        this.pair = pair;
    }

    /** The calls so far, in order. */
    List<Call> calls() {
        return calls;
    }

    /** The first call whose answers differed, or null. */
    String disagreement() {
        return disagreement;
    }

    private long run(Op op) {
        long countBefore = pair.state().lruCount();
        var outcome = pair.apply(op);
        long expected = ((Result.Value) outcome.expected()).value();
        calls.add(new Call(op, expected, countBefore));
        if (!outcome.agrees() && disagreement == null) {
            disagreement = op + ": model " + outcome.expected() + ", implementation " + outcome.actual();
        }
        return outcome.actual() instanceof Result.Value v ? v.value() : expected;
    }

    @Override
    public long shrinkCount() {
        return run(new Op.ShrinkCount());
    }

    @Override
    public long shrinkScan(long nrToScan, boolean mayEnterFs) {
        return run(new Op.ShrinkScan(nrToScan, mayEnterFs));
    }

    @Override
    public int pageSize() {
        return pair.pageSize();
    }

    private static UnsupportedOperationException notAShrinkerCall(String what) {
        return new UnsupportedOperationException(what + " is not a shrinker call");
    }

    @Override
    public Result open() {
        throw notAShrinkerCall("open");
    }

    @Override
    public Result dup(int fd) {
        throw notAShrinkerCall("dup");
    }

    @Override
    public Result close(int fd) {
        throw notAShrinkerCall("close");
    }

    @Override
    public Result ioctl(int fd, Command cmd, Caller caller) {
        throw notAShrinkerCall("ioctl");
    }

    @Override
    public Result mmap(int fd, long length, int prot, boolean shared, long offset, Caller caller) {
        throw notAShrinkerCall("mmap");
    }

    @Override
    public Result munmap(int mapping) {
        throw notAShrinkerCall("munmap");
    }

    @Override
    public Result mprotect(int mapping, int prot, Caller caller) {
        throw notAShrinkerCall("mprotect");
    }

    @Override
    public Result load(int mapping, long offset, int length) {
        throw notAShrinkerCall("load");
    }

    @Override
    public Result store(int mapping, long offset, byte[] data) {
        throw notAShrinkerCall("store");
    }

    @Override
    public Result read(int fd, int count) {
        throw notAShrinkerCall("read");
    }

    @Override
    public Result llseek(int fd, long offset, int whence) {
        throw notAShrinkerCall("llseek");
    }

    @Override
    public DeviceSnapshot snapshot() {
        throw notAShrinkerCall("snapshot");
    }
}
