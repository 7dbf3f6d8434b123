package dev.ashmem.oracle.protocol;

import java.time.Duration;

/**
 * Run by {@link ProcessClientShutdownTest} in a JVM of its own: starts the implementation {@code args[0]}
 * and stalls between the spawn and the hello, says so on stdout, and waits there to be signalled.
 */
public final class SlowStartChild {
    public static void main(String[] args) {
        ProcessClient.start(args[0], Duration.ofSeconds(60), Duration.ofMillis(500), () -> {
            System.out.println("spawned");
            System.out.flush();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
