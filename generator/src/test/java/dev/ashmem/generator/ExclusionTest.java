package dev.ashmem.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Command;
import dev.ashmem.model.Op;
import dev.ashmem.pbt.ChoiceSequence;
import dev.ashmem.pbt.Choices;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A generator without some kinds never draws them, generating or replaying, and every op has one kind. */
class ExclusionTest {

    private static EnumMap<OpKind, Integer> drawn(OpGenerator gen, boolean replaying) {
        var counts = new EnumMap<OpKind, Integer>(OpKind.class);
        var master = new SplittableRandom(7);
        for (int sequence = 0; sequence < 60; sequence++) {
            var c = Choices.generating(master.split(), 100_000, 4096);
            if (replaying) {
                // arbitrary recorded choices: positions that fall on an excluded kind must move on
                long[] raw = master.longs(400, 0, 64).toArray();
                c = Choices.replaying(ChoiceSequence.of(raw), 100_000, 4096);
            }
            var model = new AshmemModel(4096);
            OpGenerator.prelude(c, 4096).forEach(op -> op.applyTo(model));
            for (int i = 0; i < 30 && gen.canDraw(model.snapshot()); i++) {
                Op op = gen.next(c, model.snapshot());
                counts.merge(OpKind.of(op), 1, Integer::sum);
                op.applyTo(model);
            }
        }
        return counts;
    }

    @Test
    void excludedKindsAreNeverDrawn() {
        var excluded = EnumSet.of(OpKind.SHRINK, OpKind.PIN_FAMILY, OpKind.OPEN);
        for (boolean replaying : List.of(false, true)) {
            var counts = drawn(new OpGenerator().without(excluded), replaying);
            assertThat(counts.keySet()).as("replaying=%s", replaying).doesNotContainAnyElementsOf(excluded);
            assertThat(counts.keySet()).contains(OpKind.ACCESS, OpKind.MMAP);
        }
        // the full generator does draw them: the exclusion above is what keeps them out
        assertThat(drawn(new OpGenerator(), false).keySet()).containsAll(excluded).contains(OpKind.PIN_STATUS);
        // GET_PIN_STATUS goes alone: PIN and UNPIN stay
        var noStatus = drawn(new OpGenerator().without(EnumSet.of(OpKind.PIN_STATUS)), false).keySet();
        assertThat(noStatus).contains(OpKind.PIN_FAMILY).doesNotContain(OpKind.PIN_STATUS);
    }

    @Test
    void aGeneratorWithNothingDrawableSaysSo() {
        var model = new AshmemModel(4096);
        var onlyAccess = new OpGenerator().without(EnumSet.complementOf(EnumSet.of(OpKind.ACCESS)));
        assertThat(onlyAccess.canDraw(model.snapshot())).isFalse(); // no mapping yet
        assertThatThrownBy(() -> onlyAccess.next(Choices.generating(new SplittableRandom(1), 100, 4096), model.snapshot()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(new OpGenerator().canDraw(model.snapshot())).isTrue();
    }

    @Test
    void everyOperationHasTheKindThatDrawsIt() {
        assertThat(OpKind.of(new Op.Ioctl(0, new Command.GetPinStatus(new Command.PinArg(0, 0, false)), dev.ashmem.model.Caller.APP)))
                .isEqualTo(OpKind.PIN_STATUS);
        assertThat(OpKind.of(new Op.Ioctl(0, new Command.Unpin(new Command.PinArg(0, 0, false)), dev.ashmem.model.Caller.APP)))
                .isEqualTo(OpKind.PIN_FAMILY);
        assertThat(OpKind.of(new Op.Ioctl(0, new Command.PurgeAllCaches(), dev.ashmem.model.Caller.APP))).isEqualTo(OpKind.SHRINK);
        assertThat(OpKind.of(new Op.Ioctl(0, new Command.GetProtMask(), dev.ashmem.model.Caller.APP))).isEqualTo(OpKind.ATTRIBUTE);
        assertThat(OpKind.of(new Op.ShrinkCount())).isEqualTo(OpKind.SHRINK);
        for (var k : OpKind.values()) {
            assertThat(OpKind.ofLabel(k.label())).contains(k);
        }
        assertThat(OpKind.ofLabel("pin")).isEmpty();
        assertThat(OpKind.labels()).startsWith("pin_unpin,pin_status,shrink,");
        assertThat(Set.of(OpKind.labels().split(","))).hasSize(OpKind.values().length);
    }
}
