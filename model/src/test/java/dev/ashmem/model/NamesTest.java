package dev.ashmem.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Area names are bytes (NAME-*): they print with C escapes and read back as Latin-1 text, one char per byte. */
class NamesTest {

    @Test
    void aNamePrintsQuotedWithEscapesForAnythingButPrintableAscii() {
        assertThat(Names.quote(new byte[0])).isEqualTo("\"\"");
        assertThat(Names.quote("dev/ashmem".getBytes())).isEqualTo("\"dev/ashmem\"");
        assertThat(Names.quote(new byte[] {'"', 'a', '\\'})).isEqualTo("\"\\\"a\\\\\"");
        assertThat(Names.quote(new byte[] {' ', '~'})).isEqualTo("\" ~\"");
        assertThat(Names.quote(new byte[] {0x1f, 0x7f, 0, '\n', (byte) 0xe9})).isEqualTo("\"\\x1f\\x7f\\x00\\x0a\\xe9\"");
    }

    @Test
    @Exercises({"NAME-SET"})
    void aNameIsTextWithOneCharacterPerByte() {
        assertThat(Names.text(new byte[] {'a', (byte) 0xe9, (byte) 0xff})).isEqualTo("a\u00e9\u00ff");
        assertThat(Names.text(new byte[0])).isEmpty();
    }

    @Test
    void anAreaSnapshotShowsItsNameQuoted() {
        var m = new AshmemModel(4096);
        int fd = m.openHandle();
        m.ioctl(fd, new Command.SetName(new byte[] {'x', '"', (byte) 0x80}, false));
        assertThat(m.snapshot().areas().getFirst().toString()).contains("name=\"x\\\"\\x80\"");
    }
}
