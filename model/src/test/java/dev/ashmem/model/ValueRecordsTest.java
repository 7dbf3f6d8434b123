package dev.ashmem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The model's value types accept exactly the values their fields can hold. */
class ValueRecordsTest {

    @Test
    @Exercises({"PINARG-OVERFLOW"})
    void aPinArgumentHoldsTwoU32Fields() {
        assertThat(Command.PinArg.of(Abi.U32_MAX, Abi.U32_MAX).offset()).isEqualTo(Abi.U32_MAX);
        assertThat(Command.PinArg.of(0, 0).len()).isZero();
        assertThatThrownBy(() -> Command.PinArg.of(Abi.U32_MAX + 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Command.PinArg.of(0, Abi.U32_MAX + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Command.PinArg.of(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Command.PinArg.of(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Exercises({"CTX-PLATFORM"})
    void aPlatformHasAUserAddressSpaceAndMprotectsRwx() {
        assertThat(new Platform("tiny", 1, Prot.ALL, false, false).taskSize()).isEqualTo(1);
        assertThatThrownBy(() -> new Platform("none", 0, Prot.ALL, false, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Platform("no exec", 1, Prot.READ | Prot.WRITE, false, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rwx");
        assertThatThrownBy(() -> new Platform("exec only", 1, Prot.EXEC, false, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aResultsRawValueIsWhatTheSystemCallReturns() {
        assertThat(Result.ok(7).raw()).isEqualTo(7);
        assertThat(Result.err(Errno.EINVAL).raw()).isEqualTo(-Errno.EINVAL.number());
        assertThat(Result.err(Errno.EINVAL).isError()).isTrue();
        assertThat(Result.ok(0).isError()).isFalse();
        assertThat(Errno.ofNumber(Errno.EBADF.number())).isEqualTo(Errno.EBADF);
    }
}
