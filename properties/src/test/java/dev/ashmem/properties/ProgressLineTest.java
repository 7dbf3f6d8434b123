package dev.ashmem.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** Progress on a terminal rewrites one line; in a log it is whole lines, a few seconds apart, with no \r. */
class ProgressLineTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true);
    private long now;

    private void feed(ProgressLine line, int seconds) {
        for (int s = 0; s < seconds * 10; s++) {
            line.update("at " + s / 10 + " s");
            now += 100_000_000L; // every 100 ms
        }
        line.finish();
    }

    @Test
    void inALogEveryFewSecondsALineOfItsOwn() {
        feed(new ProgressLine(out, false, () -> now), 12);
        assertThat(bytes.toString()).doesNotContain("\r").isEqualTo(String.join(System.lineSeparator(), "at 0 s", "at 5 s", "at 10 s", ""));
    }

    @Test
    void onATerminalOneLineRewrittenEverySecond() {
        var line = new ProgressLine(out, true, () -> now);
        line.update("a longer text");
        now += ProgressLine.LIVE_NANOS;
        line.update("short");
        line.finish();
        assertThat(bytes.toString()).isEqualTo("\ra longer text\rshort        " + System.lineSeparator());
    }
}
