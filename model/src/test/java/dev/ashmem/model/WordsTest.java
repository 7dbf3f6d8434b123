package dev.ashmem.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The words of the trace format (spec/trace-format.md section 3), defined once in the model: operation words are
 * lower case and read ignoring case, command words are the ASHMEM_* names with their numbers.
 */
class WordsTest {

    @Test
    void operationWordsAreLowerCaseAndReadIgnoringCase() {
        assertThat(OpWord.SHRINK_SCAN.word()).isEqualTo("shrink_scan");
        assertThat(OpWord.OPEN.word()).isEqualTo("open");
        for (var w : OpWord.values()) {
            assertThat(OpWord.parse(w.word())).contains(w);
            assertThat(OpWord.parse(w.word().toUpperCase())).contains(w);
        }
        assertThat(OpWord.parse("Shrink_Mark")).contains(OpWord.SHRINK_MARK);
        assertThat(OpWord.parse("opening")).isEmpty();
        assertThat(OpWord.parse("")).isEmpty();
    }

    @Test
    @Exercises({"CTX-CALLER"})
    void onlyIoctlMmapAndMprotectTakeACaller() {
        assertThat(Arrays.stream(OpWord.values()).filter(OpWord::takesCaller))
                .containsExactlyInAnyOrder(OpWord.IOCTL, OpWord.MMAP, OpWord.MPROTECT);
    }

    @Test
    void commandWordsCarryTheAshmemNumbersAndTheMainlineOnesAreReadByNumber() {
        assertThat(CommandWord.SET_SIZE.number()).isEqualTo(0x40087703L);
        assertThat(CommandWord.GET_FILE_ID.number()).isEqualTo(0x8008770bL);
        assertThat(CommandWord.IOCTL.number()).isEqualTo(-1);
        assertThat(Arrays.stream(CommandWord.values()).filter(CommandWord::mainline)).containsExactly(
                CommandWord.SET_NAME, CommandWord.GET_NAME, CommandWord.SET_SIZE, CommandWord.GET_SIZE, CommandWord.SET_PROT_MASK,
                CommandWord.GET_PROT_MASK, CommandWord.PIN, CommandWord.UNPIN, CommandWord.GET_PIN_STATUS, CommandWord.PURGE_ALL_CACHES);
        for (var w : CommandWord.values()) {
            assertThat(CommandWord.ofNumber(w.number())).as(w.name()).isEqualTo(w.mainline() ? java.util.Optional.of(w) : java.util.Optional.empty());
            assertThat(CommandWord.parse(w.name())).contains(w);
        }
        assertThat(CommandWord.ofNumber(0x770b)).isEmpty();
        assertThat(CommandWord.ofNumber(0x1000000007704L)).isEmpty();
        assertThat(CommandWord.parse("PINS")).isEmpty();
        assertThat(CommandWord.parse("pin")).as("commands are upper case in the model").isEmpty();
    }
}
