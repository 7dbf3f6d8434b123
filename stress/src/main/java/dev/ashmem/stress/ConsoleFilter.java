package dev.ashmem.stress;

import java.util.Optional;

/**
 * What of jcstress' console the user sees (console.log keeps every line). jcstress probes the VM with
 * options newer JDKs no longer know ({@code -XX:+UseBiasedLocking}) and the probe VM's failure lines
 * read like an error in a passing run; its line {@code [N/A] Checking for biased locking support}
 * already says what happened. The smoke mode runs jcstress' "quick" preset with shorter settings, so
 * the preset line names smoke.
 */
final class ConsoleFilter {
    private final String mode;
    /** Lines of a probe VM's failure follow a {@code [N/A]} probe line until the next blank line. */
    private boolean inFailedProbe;

    ConsoleFilter(String mode) {
        this.mode = mode;
    }

    /** The line to show for {@code line}, or empty to leave it out. */
    Optional<String> show(String line) {
        if (line.startsWith("----- [N/A]")) {
            inFailedProbe = true;
            return Optional.of(line);
        }
        if (inFailedProbe) {
            if (line.isBlank() || line.startsWith("-----")) {
                inFailedProbe = false;
            } else if (line.startsWith("Unrecognized VM option") || line.startsWith("Error: ")) {
                return Optional.empty();
            }
        }
        if (mode.equals("smoke") && line.strip().startsWith("Test preset mode:")) {
            return Optional.of(line.substring(0, line.indexOf("Test preset mode:"))
                    + "Test preset mode: smoke (ashmem: jcstress' \"quick\" preset, one short iteration per fork)");
        }
        return Optional.of(line);
    }
}
