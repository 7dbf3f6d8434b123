package dev.ashmem.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** C's unsigned 64-bit comparisons (ARITH-U64): -1 is the largest value. */
class UnsignedTest {

    @Test
    @Exercises({"ARITH-U64"})
    void negativeLongsAreLargeUnsignedValues() {
        assertThat(Unsigned.gt(-1L, 1L)).isTrue();
        assertThat(Unsigned.gt(1L, -1L)).isFalse();
        assertThat(Unsigned.gt(5L, 5L)).isFalse();
        assertThat(Unsigned.gt(6L, 5L)).isTrue();
        assertThat(Unsigned.lt(5L, -1L)).isTrue();
        assertThat(Unsigned.ge(-1L, Long.MAX_VALUE)).isTrue();
        assertThat(Unsigned.le(Long.MIN_VALUE, Long.MAX_VALUE)).isFalse();
        assertThat(Unsigned.max(-1L, 1L)).isEqualTo(-1L);
        assertThat(Unsigned.min(-1L, 1L)).isEqualTo(1L);
    }
}
