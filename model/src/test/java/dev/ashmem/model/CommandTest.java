package dev.ashmem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ioctl commands as values: each carries the number user space passes (spec 3, 4: the ASHMEM_* numbers)
 * and its trace word, buffers are copied in and out, and equal commands are equal.
 */
class CommandTest {

    @Test
    void eachCommandHasItsAshmemNumberAndTraceWord() {
        record Case(Command c, long number, String name) {}
        var cases = List.of(
                new Case(Command.SetName.of("n"), 0x41007701L, "SET_NAME"),
                new Case(new Command.GetName(false), 0x81007702L, "GET_NAME"),
                new Case(new Command.SetSize(0), 0x40087703L, "SET_SIZE"),
                new Case(new Command.GetSize(), 0x7704L, "GET_SIZE"),
                new Case(new Command.SetProtMask(0), 0x40087705L, "SET_PROT_MASK"),
                new Case(new Command.GetProtMask(), 0x7706L, "GET_PROT_MASK"),
                new Case(Command.pin(0, 0), 0x40087707L, "PIN"),
                new Case(Command.unpin(0, 0), 0x40087708L, "UNPIN"),
                new Case(Command.pinStatus(0, 0), 0x7709L, "GET_PIN_STATUS"),
                new Case(new Command.PurgeAllCaches(), 0x770aL, "PURGE_ALL_CACHES"),
                new Case(new Command.Unknown(0x8008770bL), 0x8008770bL, "GET_FILE_ID"),
                new Case(new Command.Unknown(0x770b), 0x770b, "IOCTL"));
        for (var c : cases) {
            assertThat(c.c().number()).as(c.name()).isEqualTo(c.number());
            assertThat(c.c().name()).as(c.name()).isEqualTo(c.name());
            assertThat(c.c().word().name()).isEqualTo(c.name());
        }
        // the ioctl type of every ashmem command
        assertThat(Command.ASHMEM_IOC).isEqualTo('w');
    }

    @Test
    void anUnknownCommandKeepsItsNumberAndIsGetFileIdOnlyForThatNumber() {
        assertThat(new Command.Unknown(0x770b).number()).isEqualTo(0x770b);
        assertThat(new Command.Unknown(0x8008770bL).word()).isEqualTo(CommandWord.GET_FILE_ID);
        assertThat(new Command.Unknown(0x8008770cL).word()).isEqualTo(CommandWord.IOCTL);
        assertThat(new Command.Unknown(CommandWord.PIN.number()).word()).isEqualTo(CommandWord.IOCTL);
    }

    @Test
    @Exercises({"PINARG-EFAULT"})
    void thePinCommandsCarryTheirArgument() {
        assertThat(((Command.Pin) Command.pin(4096, 8192)).arg()).isEqualTo(Command.PinArg.of(4096, 8192));
        assertThat(((Command.Unpin) Command.unpin(1, 2)).arg()).isEqualTo(new Command.PinArg(1, 2, false));
        assertThat(((Command.GetPinStatus) Command.pinStatus(3, 4)).arg()).isEqualTo(Command.PinArg.of(3, 4));
        assertThat(Command.PinArg.unreadable().badPointer()).isTrue();
        assertThat(Command.PinArg.of(0, 0).badPointer()).isFalse();
        assertThat(Command.PinArg.unreadable()).isNotEqualTo(Command.PinArg.of(0, 0));
        assertThatThrownBy(() -> new Command.Pin(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Command.Unpin(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Command.GetPinStatus(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @Exercises({"NAME-TRUNC", "NAME-EFAULT"})
    void setNameHoldsACopyOfTheUserBuffer() {
        byte[] buffer = "abc".getBytes(StandardCharsets.US_ASCII);
        var c = new Command.SetName(buffer, false);
        buffer[0] = 'x';
        assertThat(c.bytes()).containsExactly('a', 'b', 'c');
        c.bytes()[1] = 'y';
        assertThat(c.bytes()).containsExactly('a', 'b', 'c');
        assertThat(Command.SetName.of("d\u00e9").bytes()).containsExactly('d', 0xc3, 0xa9);
        assertThat(c.badPointer()).isFalse();
        assertThat(Command.SetName.unreadable().badPointer()).isTrue();
        assertThat(Command.SetName.unreadable().bytes()).isEmpty();
        assertThatThrownBy(() -> new Command.SetName(null, true)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("unreadable()");
        assertThatThrownBy(() -> Command.SetName.of(null)).isInstanceOf(NullPointerException.class);
        // the model sees the copy: a buffer changed after the ioctl is built does not change the name it sets
        var m = new AshmemModel(4096);
        int fd = m.openHandle();
        byte[] name = "first".getBytes(StandardCharsets.US_ASCII);
        var set = new Command.SetName(name, false);
        name[0] = 'F';
        m.ioctl(fd, set);
        assertThat(m.snapshot().areas().getFirst().name()).isEqualTo("first");
    }

    @Test
    void setNamesAreEqualByTheirBytesAndPointer() {
        var a = Command.SetName.of("name");
        assertThat(a).isEqualTo(new Command.SetName("name".getBytes(StandardCharsets.US_ASCII), false))
                .hasSameHashCodeAs(new Command.SetName("name".getBytes(StandardCharsets.US_ASCII), false));
        assertThat(a).isNotEqualTo(Command.SetName.of("nam"));
        assertThat(a).isNotEqualTo(new Command.SetName("name".getBytes(StandardCharsets.US_ASCII), true));
        assertThat(Command.SetName.unreadable()).isEqualTo(Command.SetName.unreadable())
                .isNotEqualTo(new Command.SetName(new byte[0], false));
        assertThat(a).isNotEqualTo(new Command.GetName(false)).isNotEqualTo(null);
        // names that differ hash apart (the commands are map and set keys in the generator and checker)
        var hashes = new HashSet<Integer>();
        for (char x = 'a'; x <= 'z'; x++) {
            hashes.add(Command.SetName.of(String.valueOf(x)).hashCode());
            hashes.add(new Command.SetName(new byte[] {(byte) x}, true).hashCode());
        }
        assertThat(hashes).hasSize(52);
    }
}
