package dev.ashmem.stress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An interrupted run's partial summary, from jcstress' console as it printed it (lines of a real run). */
class ConsoleProgressTest {
    private static final String CONSOLE = """
              Printing the progress line at most every 15000 milliseconds.
            ...... [FAILED] dev.ashmem.stress.tests.Pin_01_RacesInFlightPunch
              Fork: #1
                              RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION
              pin=NOT_PURGED, page=B        0    0.00%   Forbidden  PIN missed a purge that was marked before it started.
              pin=WAS_PURGED, page=0    1,915   36.95%   Forbidden  PIN went ahead while the punch was in flight; the late pu...
              pin=WAS_PURGED, page=B    3,268   63.05%  Acceptable  PIN waited for the punch in flight, found the range purge...
            (ETA: now)
            (Results: 3 planned; 1 passed, 1 failed, 0 soft errs, 0 hard errs)
            RUN RESULTS:
              Failed tests: 1 matching test results.
            ...... [FAILED] dev.ashmem.stress.tests.Pin_01_RacesInFlightPunch
              pin=WAS_PURGED, page=0    9,999   36.95%   Forbidden  (the whole run's table: not new)
            """;

    @Test
    void nothingFinishedYet() {
        var p = new ConsoleProgress();
        p.see("  Attached the non-interactive output stream.");
        assertThat(p.soFar()).isEqualTo("jcstress so far: no test had finished; FORBIDDEN outcomes seen so far: none");
    }

    @Test
    void theLastProgressLineAndEachForbiddenOutcomeSeen() {
        var p = new ConsoleProgress();
        CONSOLE.lines().forEach(p::see);
        assertThat(p.soFar()).isEqualTo("jcstress so far: 2 of 3 tests finished (1 passed, 1 failed, 0 with errors); "
                + "FORBIDDEN outcomes seen so far: Pin_01_RacesInFlightPunch pin=WAS_PURGED, page=0 (1,915 samples)");
    }
}
