package dev.ashmem.model;

import static dev.ashmem.model.AshmemAssertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Laws that follow from the spec, checked on the model over long seeded random sequences. */
class ModelLawsTest {

    @ParameterizedTest(name = "P={0} seed={1}")
    @CsvSource({"4096,1", "4096,2", "4096,3", "16384,4", "65536,5"})
    @Exercises({"INV-ORDER", "INV-BOUNDS", "INV-LRU-IFF", "INV-LRU-COUNT", "INV-LRU-AREA", "INV-FILE-FIXED", "INV-MASK"})
    void invariantsHoldAfterEveryStepOfLongRandomSequences(int pageSize, long seed) {
        var model = new AshmemModel(pageSize);
        var ops = new RandomOps(seed, pageSize, 4);
        var trace = new ArrayList<String>();
        for (int step = 0; step < 3000; step++) {
            var op = ops.next(model.snapshot());
            var result = op.applyTo(model);
            trace.add(op + " -> " + result);
            var violations = model.violations();
            if (!violations.isEmpty()) {
                throw new AssertionError(violations + "\nafter:\n" + String.join("\n", last(trace, 30)) + "\n" + model);
            }
        }
    }

    /**
     * UNPIN inside an unpinned range changes nothing, except for one quirk: an empty range [N, N-1]
     * that the walk meets before the covering range counts as overlapping and is merged away.
     */
    @ParameterizedTest(name = "seed={0}")
    @CsvSource({"11", "12", "13"})
    @Exercises({"UNPIN-SUBSUMED", "UNPIN-MERGE"})
    void unpinInsideAnUnpinnedRangeChangesNothingButEmptyRangesBeforeIt(long seed) {
        var model = new AshmemModel(4096);
        var ops = new RandomOps(seed, 4096, 3);
        int checked = 0;
        for (int step = 0; step < 2000; step++) {
            ops.next(model.snapshot()).applyTo(model);
            for (var area : model.snapshot().areas()) {
                for (var r : area.unpinned()) {
                    if (Long.compareUnsigned(r.pgstart(), r.pgend()) > 0 || Long.compareUnsigned(r.pgend() - r.pgstart(), 64) > 0) {
                        continue; // empty and wrapped ranges cannot be named by a u32 argument
                    }
                    var before = model.snapshot();
                    var copy = model.copy();
                    long page = r.pgstart() + (r.pgend() - r.pgstart()) / 2;
                    assertThat(copy.ioctl(area.handles().getFirst(), Command.unpin(page * 4096, 4096))).isValue(0);
                    var emptiesMet = before.area(area.id()).unpinned().stream()
                            .takeWhile(x -> !x.equals(r))
                            .filter(x -> x.pgend() == x.pgstart() - 1 && (x.pgstart() == page || x.pgstart() == page + 1))
                            .toList();
                    var expectedList = before.area(area.id()).unpinned().stream().filter(x -> !emptiesMet.contains(x)).toList();
                    assertThat(copy.snapshot().area(area.id()).unpinned()).isEqualTo(expectedList);
                    assertThat(copy.snapshot().lruCount()).isEqualTo(before.lruCount());
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @ParameterizedTest(name = "seed={0}")
    @CsvSource({"21", "22", "23"})
    @Exercises({"PIN-CASE-1"})
    void pinOfEverythingLeavesNoRange(long seed) {
        var model = new AshmemModel(4096);
        var ops = new RandomOps(seed, 4096, 3);
        for (int step = 0; step < 2000; step++) {
            ops.next(model.snapshot()).applyTo(model);
            if (step % 50 == 0) {
                for (var area : model.snapshot().areas()) {
                    var copy = model.copy();
                    if (!area.hasFile() || Long.compareUnsigned(area.size(), 1L << 31) > 0) {
                        continue; // "everything" must be expressible in u32
                    }
                    assertThat(copy.ioctl(area.handles().getFirst(), Command.pin(0, 0))).isSuccess();
                    assertThat(copy.snapshot().area(area.id()).unpinned()).isEmpty();
                    assertThat(copy.violations()).isEmpty();
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    @Exercises({"PIN-RET", "SHRINK-PUNCH", "READ-DATA"})
    void contentReadAfterAPinThatReturnedNotPurgedIsWhatWasWritten() {
        int verifiedPages = 0;
        for (long seed = 31; seed < 41; seed++) {
            verifiedPages += checkContentAfterPins(seed);
        }
        assertThat(verifiedPages).isGreaterThan(20);
    }

    private static int checkContentAfterPins(long seed) {
        var model = new AshmemModel(4096);
        var ops = new RandomOps(seed, 4096, 3);
        // Shadow of the bytes written through shared mappings: area -> file byte offset -> byte.
        Map<Integer, Map<Long, Byte>> written = new HashMap<>();
        int verifiedPages = 0;
        for (int step = 0; step < 4000; step++) {
            var before = model.snapshot();
            var op = ops.next(before);
            var result = op.applyTo(model);
            if (op instanceof Op.Store st && result instanceof Result.Value) {
                var m = before.mappings().stream().filter(x -> x.id() == st.mapping()).findFirst().orElseThrow();
                if (m.shared()) {
                    var bytes = written.computeIfAbsent(m.area(), k -> new HashMap<>());
                    byte[] data = st.data();
                    for (int i = 0; i < data.length; i++) {
                        bytes.put(m.offset() + st.offset() + i, data[i]);
                    }
                }
            }
            if (op instanceof Op.Close c) {
                before.areas().stream().filter(a -> a.handles().equals(List.of(c.fd()))).findFirst()
                        .ifPresent(a -> written.remove(a.id()));
            }
            if (op instanceof Op.Ioctl io && io.cmd() instanceof Command.Pin pin && result instanceof Result.Value v) {
                var area = before.areas().stream().filter(a -> a.handles().contains(io.fd())).findFirst().orElseThrow();
                var bytes = written.getOrDefault(area.id(), new HashMap<>());
                long first = pin.arg().offset() / 4096;
                long len = pin.arg().len() == 0 ? (Unsigned.pageAlign(area.size(), 4096) - pin.arg().offset()) & Unsigned.U32_MAX : pin.arg().len();
                long last = first + len / 4096 - 1;
                var pages = bytes.keySet().stream().map(at -> at / 4096).filter(p -> p >= first && p <= last).distinct().toList();
                for (long page : pages) {
                    if (v.value() == 1) {
                        bytes.keySet().removeIf(at -> at / 4096 == page); // WAS_PURGED: no promise left
                        continue;
                    }
                    var probe = model.copy();
                    probe.llseek(io.fd(), page * 4096, Whence.SEEK_SET);
                    byte[] got = ((Result.Bytes) probe.read(io.fd(), 4096)).data();
                    for (int i = 0; i < got.length; i++) {
                        var expected = bytes.get(page * 4096 + i);
                        if (expected != null && expected != got[i]) {
                            throw new AssertionError("byte " + (page * 4096 + i) + " of area " + area.id() + " after " + op
                                    + ": wrote " + expected + ", read " + got[i] + "\n" + model);
                        }
                    }
                    verifiedPages++;
                }
            }
        }
        return verifiedPages;
    }

    private static List<String> last(List<String> xs, int n) {
        return xs.subList(Math.max(0, xs.size() - n), xs.size());
    }
}
