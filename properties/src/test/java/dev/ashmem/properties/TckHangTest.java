package dev.ashmem.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Result;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A device whose call never returns fails the TCK's test with that call named, within the action
 * time-out, instead of hanging the user's build for ever.
 */
class TckHangTest {
    /** Released at the end so that the stuck thread ends too. */
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    /** The model, except that GET_SIZE waits until the test ends. */
    static final class HangsOnGetSize extends ForwardingDevice {
        HangsOnGetSize(int pageSize) {
            super(new AshmemModel(pageSize));
        }

        @Override
        public Result ioctl(int fd, Command cmd, Caller caller) {
            if (cmd instanceof Command.GetSize) {
                try {
                    RELEASE.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.ioctl(fd, cmd, caller);
        }
    }

    static final class HangingTck extends AshmemTck {
        @Override
        protected AshmemDevice newDevice(int pageSize) {
            return new HangsOnGetSize(pageSize);
        }

        @Override
        protected Duration actionTimeout() {
            return Duration.ofSeconds(1);
        }
    }

    @Test
    @Timeout(60)
    void aCallThatNeverReturnsFailsTheTestNamingIt() {
        try {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> new HangingTck().agreesWithTheModelWith4KiBPages())
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("HANG: ioctl ")
                    .hasMessageContaining("GET_SIZE")
                    .hasMessageContaining("did not return within 1 s (HangingTck P=4096)");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
        } finally {
            RELEASE.countDown();
        }
    }

    @Test
    void theDefaultTimeoutIsAMinuteAndASystemPropertyChangesIt() {
        var tck = new AshmemTck() {
            @Override
            protected AshmemDevice newDevice(int pageSize) {
                return new AshmemModel(pageSize);
            }
        };
        assertThat(tck.actionTimeout()).isEqualTo(Duration.ofSeconds(60));
        System.setProperty("ashmem.tck.actionTimeout", "5");
        try {
            assertThat(tck.actionTimeout()).isEqualTo(Duration.ofSeconds(5));
        } finally {
            System.clearProperty("ashmem.tck.actionTimeout");
        }
    }
}
