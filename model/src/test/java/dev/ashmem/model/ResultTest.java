package dev.ashmem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Results are values (equal when the driver's answers are equal), give the system call's raw return value
 * (ARITH-LONG: the kernel's long; -errno on failure) and print briefly for messages.
 */
class ResultTest {

    @Test
    @Exercises({"ARITH-LONG"})
    void theRawValueIsTheKernelsReturnAndBytesCountAsTheirLength() {
        assertThat(Result.ok(-2).raw()).isEqualTo(-2);
        assertThat(Result.ok(1L << 40).raw()).isEqualTo(1L << 40);
        assertThat(Result.ZERO.raw()).isZero();
        assertThat(Result.err(Errno.ENOTTY).raw()).isEqualTo(-25);
        assertThat(Result.err(Errno.EPERM).raw()).isEqualTo(-1);
        assertThat(new Result.Bytes("dev/ashmem\0".getBytes(StandardCharsets.US_ASCII)).raw()).isEqualTo(11);
        assertThat(new Result.Bytes(ByteRuns.zeros(Integer.MAX_VALUE)).raw()).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> new Result.Fault(Result.Signal.SIGBUS).raw())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SIGBUS");
    }

    @Test
    void onlyAFailedCallIsAnError() {
        assertThat(Result.err(Errno.EFAULT).isError()).isTrue();
        assertThat(Result.ok(-14).isError()).isFalse();
        assertThat(new Result.Bytes(new byte[0]).isError()).isFalse();
        assertThat(new Result.Fault(Result.Signal.SIGSEGV).isError()).isFalse();
    }

    @Test
    void resultsAreEqualWhenTheAnswersAre() {
        assertThat(Result.ok(3)).isEqualTo(new Result.Value(3)).isNotEqualTo(Result.ok(4));
        assertThat(Result.ZERO).isEqualTo(Result.ok(0));
        assertThat(Result.err(Errno.EINVAL)).isEqualTo(new Result.Error(Errno.EINVAL)).isNotEqualTo(Result.err(Errno.EBADF));
        // bytes compare by content, however they are held
        assertThat(new Result.Bytes(new byte[4096])).isEqualTo(new Result.Bytes(ByteRuns.zeros(4096)))
                .isNotEqualTo(new Result.Bytes(new byte[4095]));
        assertThat(new Result.Bytes(new byte[] {1, 2}).data()).containsExactly(1, 2);
        assertThat(new Result.Bytes(new byte[] {1, 2}).length()).isEqualTo(2);
        assertThat(new Result.Bytes(ByteRuns.zeros(5)).runs()).isEqualTo(ByteRuns.of(new byte[5]));
    }

    @Test
    void resultsNeedTheirPart() {
        assertThatThrownBy(() -> new Result.Bytes((ByteRuns) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Result.Error(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Result.Fault(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void resultsPrintBriefly() {
        assertThat(Result.ok(-1)).hasToString("-1");
        assertThat(Result.err(Errno.EOVERFLOW)).hasToString("-EOVERFLOW");
        assertThat(new Result.Fault(Result.Signal.SIGSEGV)).hasToString("SIGSEGV");
        assertThat(new Result.Bytes(new byte[] {0x0a, (byte) 0xff})).hasToString("bytes[2]:0aff");
        assertThat(new Result.Bytes(new byte[0])).hasToString("bytes[0]:");
        // the first 32 bytes, and "..." only when there are more
        byte[] b32 = new byte[32];
        b32[31] = 1;
        assertThat(new Result.Bytes(b32)).hasToString("bytes[32]:" + "00".repeat(31) + "01");
        byte[] b33 = new byte[33];
        b33[32] = 1;
        assertThat(new Result.Bytes(b33)).hasToString("bytes[33]:" + "00".repeat(32) + "...");
        assertThat(new Result.Bytes(ByteRuns.zeros(Integer.MAX_VALUE))).hasToString("bytes[2147483647]:" + "00".repeat(32) + "...");
    }
}
