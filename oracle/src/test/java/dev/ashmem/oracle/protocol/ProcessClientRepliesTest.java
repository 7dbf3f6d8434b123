package dev.ashmem.oracle.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * One request, one reply line: a line more is the implementation's protocol failure. Before, drive took
 * it as the reply to the next request, and every later reply was one request late.
 */
class ProcessClientRepliesTest {
    private static final String HELLO = "printf 'ashmem-protocol 1 page-size 4096\\n'; ";

    private static void awaitLine(ProcessClient client) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (client.pendingLines() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(client.pendingLines()).isPositive();
    }

    @Test
    void aSecondReplyToOneRequestIsAFailureNotTheNextReply() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            var client = ProcessClient.start(HELLO + "read l; echo 0; echo 1; while read l; do echo 0; done",
                    Duration.ofSeconds(10), Duration.ofMillis(200));
            try {
                assertThat(client.request("open")).isEqualTo("0");
                awaitLine(client);
                assertThatThrownBy(() -> client.request("open"))
                        .isInstanceOfSatisfying(ImplementationFailure.class, f -> {
                            assertThat(f.kind()).isEqualTo(ImplementationFailure.Kind.PROTOCOL);
                            assertThat(f.getMessage()).startsWith("a line nobody asked for after its reply to 'open': '1' (one request, one reply line)");
                        });
                assertThat(client.alive()).isFalse();
            } finally {
                client.close();
            }
        });
    }

    @Test
    void aLineBeforeTheFirstRequestIsAFailureToo() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            var client = ProcessClient.start(HELLO + "echo ready; while read l; do echo 0; done", Duration.ofSeconds(10), Duration.ofMillis(200));
            try {
                awaitLine(client);
                assertThatThrownBy(() -> client.request("open"))
                        .isInstanceOfSatisfying(ImplementationFailure.class, f -> assertThat(f.getMessage())
                                .startsWith("a line nobody asked for after its hello line: 'ready'"));
            } finally {
                client.close();
            }
        });
    }

    @Test
    void aProcessThatEndedAfterItsReplyIsReportedAsEnded() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            var client = ProcessClient.start(HELLO + "read l; echo 0; exit 3", Duration.ofSeconds(10), Duration.ofMillis(200));
            try {
                assertThat(client.request("open")).isEqualTo("0");
                awaitLine(client);
                assertThatThrownBy(() -> client.request("open"))
                        .isInstanceOfSatisfying(ImplementationFailure.class, f -> {
                            assertThat(f.kind()).isEqualTo(ImplementationFailure.Kind.EXITED);
                            assertThat(f.getMessage()).contains("it ended after its reply to 'open' (exit status 3)");
                        });
            } finally {
                client.close();
            }
        });
    }
}
