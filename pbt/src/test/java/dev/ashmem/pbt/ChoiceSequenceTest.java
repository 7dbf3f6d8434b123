package dev.ashmem.pbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChoiceSequenceTest {

    @Test
    void encodingRoundTripsIncludingExtremes() {
        var random = new SplittableRandom(7);
        for (int i = 0; i < 500; i++) {
            long[] values = new long[random.nextInt(20)];
            for (int j = 0; j < values.length; j++) {
                values[j] = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> random.nextLong(200);
                    case 2 -> Long.MAX_VALUE;
                    default -> random.nextLong() >>> 1;
                };
            }
            var seq = ChoiceSequence.of(values);
            assertThat(ChoiceSequence.decode(seq.encode())).isEqualTo(seq);
        }
    }

    @Test
    void encodingIsCompactAndTagged() {
        assertThat(ChoiceSequence.EMPTY.encode()).isEqualTo("v2.");
        assertThat(ChoiceSequence.of(0, 1, 127).encode()).isEqualTo("v2.AAF_");
        assertThat(ChoiceSequence.of(128).encode()).isEqualTo("v2.gAE");
        assertThat(ChoiceSequence.decode("  \"v2.AAF_\" ")).isEqualTo(ChoiceSequence.of(0, 1, 127));
    }

    @Test
    void decodingRejectsGarbageWithAClearMessage() {
        assertThatThrownBy(() -> ChoiceSequence.decode("AAF_"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected prefix 'v2.'");
        assertThatThrownBy(() -> ChoiceSequence.decode("v1.AQAAAQABAA"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("older engine");
        assertThatThrownBy(() -> ChoiceSequence.decode("v2.gA"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated varint");
        assertThatThrownBy(() -> ChoiceSequence.decode("v2.***"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corrupt");
        assertThatThrownBy(() -> ChoiceSequence.of(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shortlexOrdersShorterFirstThenLexicographically() {
        assertThat(ChoiceSequence.of(9, 9)).isLessThan(ChoiceSequence.of(0, 0, 0));
        assertThat(ChoiceSequence.of(0, 5)).isLessThan(ChoiceSequence.of(1, 0));
        assertThat(ChoiceSequence.of(1, 2)).isEqualByComparingTo(ChoiceSequence.of(1, 2));
        assertThat(ChoiceSequence.EMPTY).isLessThan(ChoiceSequence.of(0));
    }
}
