package dev.ashmem.properties;

import dev.ashmem.generator.OpGenerator;
import dev.ashmem.generator.OpKind;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Exercises;
import dev.ashmem.model.Op;
import dev.ashmem.model.RangeSnapshot;
import dev.ashmem.model.Result;
import dev.ashmem.model.Whence;
import dev.ashmem.pbt.Ctx;
import dev.ashmem.pbt.junit.Cover;
import dev.ashmem.pbt.junit.Property;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Laws that follow from the spec, checked on the model alone over chains drawn by the engine from the
 * same steered operation draws as the differential suite. A failure shrinks to a minimal chain.
 */
class ModelLawsTest {
    private static final int P = 4096;

    /** Runs {@code steps} drawn operations on {@code model}, calling {@code after} after each. */
    private static void chain(Ctx ctx, AshmemModel model, int steps, StepCheck after) {
        for (var op : List.of(new Op.Open(), new Op.Ioctl(0, new Command.SetSize(16L * P), dev.ashmem.model.Caller.APP),
                new Op.Mmap(0, 16L * P, 3, true, 0, dev.ashmem.model.Caller.APP))) {
            op.applyTo(model);
        }
        for (int i = 0; i < steps; i++) {
            ctx.choices().startSpan();
            var before = model.snapshot();
            var kind = switch ((int) ctx.choices().draw(9)) {
                case 0, 1, 2, 3 -> OpKind.PIN_FAMILY;
                case 4 -> OpKind.SHRINK;
                case 5 -> OpKind.ACCESS;
                case 6 -> OpKind.MMAP;
                case 7 -> OpKind.OPEN;
                case 8 -> OpKind.PROT_MASK;
                default -> OpKind.CLOSE;
            };
            var op = OpGenerator.draw(kind, ctx.choices(), before);
            ctx.choices().endSpan();
            var result = op.applyTo(model);
            ctx.note(() -> op + " -> " + result);
            model.lastRules().forEach(ctx::label);
            after.check(before, op, result);
        }
    }

    @FunctionalInterface
    private interface StepCheck {
        void check(DeviceSnapshot before, Op op, Result result);
    }

    @Property(tries = 200, maxSteps = 60)
    @Exercises({"INV-ORDER", "INV-BOUNDS", "INV-LRU-IFF", "INV-LRU-COUNT", "INV-LRU-AREA", "INV-FILE-FIXED", "INV-MASK"})
    void invariantsHoldAfterEveryStep(Ctx ctx) {
        var model = new AshmemModel(P);
        chain(ctx, model, 80, (before, op, result) ->
                ctx.check(model.violations().isEmpty(), "invariants hold", () -> model.violations() + "\n" + model));
    }

    /**
     * UNPIN inside an unpinned range changes nothing, except for one quirk: an empty range [N, N-1]
     * that the walk meets before the covering range counts as overlapping and is merged away.
     */
    // 1,000 tries: an empty range before the covering one turns up in about 1% of the cases since the
    // generator steers towards the drive-rate witnesses; 200 tries met it 0 to 4 times.
    @Property(tries = 1000, maxSteps = 60)
    @Cover(value = "an empty range was swallowed", atLeast = 3)
    @Exercises({"UNPIN-SUBSUMED", "UNPIN-MERGE"})
    void unpinInsideAnUnpinnedRangeChangesNothingButEmptyRangesMetFirst(Ctx ctx) {
        var model = new AshmemModel(P);
        chain(ctx, model, 40, (before, op, result) -> {
            for (var area : model.snapshot().areas()) {
                var list = area.unpinned();
                for (var r : list) {
                    if (Long.compareUnsigned(r.pgstart(), r.pgend()) > 0 || Long.compareUnsigned(r.pgend() - r.pgstart(), 64) > 0) {
                        continue; // empty and wrapped ranges cannot be named by a u32 argument
                    }
                    long page = r.pgstart() + (r.pgend() - r.pgstart()) / 2;
                    var probe = model.copy();
                    var res = probe.ioctl(area.handles().getFirst(), Command.unpin(page * P, P));
                    var met = list.subList(0, list.indexOf(r)).stream()
                            .filter(x -> x.pgend() == x.pgstart() - 1 && (x.pgstart() == page || x.pgstart() == page + 1))
                            .toList();
                    List<RangeSnapshot> expected = list.stream().filter(x -> !met.contains(x)).toList();
                    ctx.checkEquals(Result.ZERO, res, "UNPIN inside a range returns 0");
                    ctx.checkEquals(expected, probe.snapshot().area(area.id()).unpinned(), "UNPIN inside a range changes nothing");
                    ctx.classify(!met.isEmpty(), "an empty range was swallowed");
                }
            }
        });
    }

    @Property(tries = 200, maxSteps = 60)
    @Exercises({"PIN-CASE-1"})
    void pinOfEverythingLeavesNoRange(Ctx ctx) {
        var model = new AshmemModel(P);
        chain(ctx, model, 40, (before, op, result) -> {
            for (var area : model.snapshot().areas()) {
                if (!area.hasFile() || Long.compareUnsigned(area.size(), 1L << 31) > 0) {
                    continue; // "everything" must be expressible in u32
                }
                var probe = model.copy();
                var res = probe.ioctl(area.handles().getFirst(), Command.pin(0, 0));
                ctx.check(!res.isError(), "PIN of everything succeeds", res::toString);
                ctx.checkEquals(List.of(), probe.snapshot().area(area.id()).unpinned(), "PIN of everything leaves no range");
            }
        });
    }

    /**
     * Bytes written through a shared mapping read back unchanged after any PIN over them that returned
     * NOT_PURGED. The alphabet is narrowed to the operations that matter (stores, unpins, pins, scans
     * over one 8-page area) so that every chain is about this law.
     */
    @Property(tries = 300, maxSteps = 60)
    @Cover(value = "a written page was checked after PIN", atLeast = 50)
    @Exercises({"PIN-RET", "SHRINK-PUNCH", "READ-DATA"})
    void contentReadAfterAPinThatReturnedNotPurgedIsWhatWasWritten(Ctx ctx) {
        var model = new AshmemModel(P);
        int fd = model.openHandle();
        model.ioctl(fd, new Command.SetSize(8L * P));
        model.mmap(fd, 8L * P, 3, true, 0);
        var c = ctx.choices();
        Map<Long, Byte> written = new HashMap<>(); // page -> the byte its whole page was filled with
        for (int i = 0; i < 40; i++) {
            c.startSpan(); // one step: the shrinker can delete it whole
            long a = c.draw(7);
            long b = a + c.draw(7 - a);
            Op op = switch ((int) c.draw(3)) {
                case 0 -> new Op.Store(1, a * P, filled((byte) (1 + c.draw(200))));
                case 1 -> new Op.Ioctl(fd, Command.unpin(a * P, (b - a + 1) * P), dev.ashmem.model.Caller.APP);
                case 2 -> new Op.Ioctl(fd, Command.pin(a * P, (b - a + 1) * P), dev.ashmem.model.Caller.APP);
                default -> new Op.ShrinkScan(c.draw(2), true);
            };
            c.endSpan();
            var result = op.applyTo(model);
            ctx.note(() -> op + " -> " + result);
            if (op instanceof Op.Store st) {
                written.put(st.offset() / P, st.data()[0]);
            } else if (op instanceof Op.Ioctl io && io.cmd() instanceof Command.Pin && result instanceof Result.Value v) {
                for (long page = a; page <= b; page++) {
                    if (v.value() == 1) {
                        written.remove(page); // WAS_PURGED: no promise left
                        continue;
                    }
                    var expected = written.get(page);
                    if (expected == null) {
                        continue;
                    }
                    ctx.label("a written page was checked after PIN");
                    var probe = model.copy();
                    probe.llseek(fd, page * P, Whence.SEEK_SET);
                    var got = probe.read(fd, P);
                    long at = page;
                    ctx.check(got.equals(new Result.Bytes(filled(expected))), "a pinned page keeps what was written",
                            () -> "page " + at + ": wrote " + expected + ", read " + got);
                }
            }
        }
    }

    private static byte[] filled(byte value) {
        var data = new byte[P];
        java.util.Arrays.fill(data, value);
        return data;
    }
}
