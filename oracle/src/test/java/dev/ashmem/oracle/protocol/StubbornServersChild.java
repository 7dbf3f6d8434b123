package dev.ashmem.oracle.protocol;

import java.time.Duration;

/**
 * Run by {@link ProcessClientShutdownTest} in a JVM of its own: starts {@code args[1]} implementations
 * {@code args[0]} with a grace of {@code args[2]} ms, says so on stdout, and waits to be signalled.
 */
public final class StubbornServersChild {
    public static void main(String[] args) throws InterruptedException {
        int n = Integer.parseInt(args[1]);
        for (int i = 0; i < n; i++) {
            ProcessClient.start(args[0], Duration.ofSeconds(60), Duration.ofMillis(Long.parseLong(args[2])));
        }
        System.out.println("started");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
