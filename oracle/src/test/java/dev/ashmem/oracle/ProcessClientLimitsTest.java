package dev.ashmem.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ashmem.oracle.protocol.ImplementationFailure;
import dev.ashmem.oracle.protocol.ProcessClient;
import dev.ashmem.trace.TraceParser;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What an implementation under test cannot do to drive: block it by not reading a request larger than
 * the pipe (the write waited for ever, past --timeout), or exhaust its heap with an endless reply line
 * (read whole before). Both end in a failure of the implementation, and the process is stopped.
 */
class ProcessClientLimitsTest {
    private static final String HELLO = "printf 'ashmem-protocol 1 page-size 4096\\n'; ";

    @Test
    void aChildThatStopsReadingTimesOutTheWriteToo() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            var client = ProcessClient.start(HELLO + "exec sleep 60", Duration.ofMillis(500), Duration.ofMillis(200));
            try {
                long t0 = System.nanoTime();
                // far more than a pipe holds: the write blocks until the child reads, which it never does
                assertThatThrownBy(() -> client.request("store 0 0 hex:" + "00".repeat(1 << 20)))
                        .isInstanceOfSatisfying(ImplementationFailure.class, f -> {
                            assertThat(f.kind()).isEqualTo(ImplementationFailure.Kind.TIMEOUT);
                            assertThat(f.getMessage()).contains("within 500 ms: the process does not read its stdin", "(2097166 characters)");
                        });
                assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(10).toNanos());
                assertThat(client.alive()).isFalse();
            } finally {
                client.close();
            }
        });
    }

    @Test
    void aReplyLineLongerThanTheProtocolAllowsIsAFailureNotAHeap() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            long n = TraceParser.MAX_LINE + 10L;
            var client = ProcessClient.start(HELLO + "read l; head -c " + n + " /dev/zero | tr '\\0' a; echo; exec sleep 60",
                    Duration.ofSeconds(30), Duration.ofMillis(200));
            try {
                assertThatThrownBy(() -> client.request("open"))
                        .isInstanceOfSatisfying(ImplementationFailure.class, f -> {
                            assertThat(f.kind()).isEqualTo(ImplementationFailure.Kind.PROTOCOL);
                            assertThat(f.getMessage()).contains("a line of " + n + " characters as the reply to 'open'");
                        });
                assertThat(client.alive()).isFalse();
            } finally {
                client.close();
            }
        });
    }
}
