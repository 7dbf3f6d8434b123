package dev.ashmem.properties;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.pbt.Config;
import dev.ashmem.pbt.Result;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit: extend it with a factory for your own {@link AshmemDevice} and JUnit runs the
 * whole differential suite against it. Random chains of every operation of the spec run on the model
 * and on your device; every result, the whole observable state and the content must agree after every
 * step. A failure is shrunk to a minimal chain and printed with its seed, a replay encoding
 * ({@code -Dpbt.replay=...}) and every step as a trace ({@code ./ashmem replay} reads it); the default
 * run also fails when it leaves a sequential rule of the spec unexercised. {@code pbt.*} system
 * properties scale it up ({@code -Dpbt.tries=100000}).
 *
 * <pre>{@code
 * class MyAshmemTest extends AshmemTck {
 *     protected AshmemDevice newDevice(int pageSize) { return new MyAshmem(pageSize); }
 *     // optional: what MyAshmem lacks
 *     protected Capabilities capabilities() {
 *         return Capabilities.full().onlyPageSizes(4096).without(OpKind.SHRINK).observableOnly();
 *     }
 * }
 * }</pre>
 */
public abstract class AshmemTck {

    /** A fresh device with the given page size (one of {@link #capabilities()}' sizes); it is closed after each chain. */
    protected abstract AshmemDevice newDevice(int pageSize);

    /**
     * What the device supports (default: everything). A page size it lacks is reported as a skipped
     * test; operation classes it lacks are never drawn; without {@code snapshot()} the suite compares
     * results and memory contents only.
     */
    protected Capabilities capabilities() {
        return Capabilities.full();
    }

    /** The run with 4 KiB pages; with every operation class it must reach every rule a sequential caller can fire. */
    protected Config config4k() {
        return Differential.defaultConfig(capabilities()).withSystemProperties();
    }

    /** The run with 16 KiB pages: the same operations with the other page arithmetic. */
    protected Config config16k() {
        return Config.defaults().withTries(150).withMaxSteps(60).withSystemProperties();
    }

    /**
     * How long one call into the device may take before the test fails as hung, instead of hanging the
     * build: 60 s, or {@code -Dashmem.tck.actionTimeout=SECONDS}.
     */
    protected Duration actionTimeout() {
        return Duration.ofSeconds(Long.getLong("ashmem.tck.actionTimeout", 60));
    }

    @Test
    void agreesWithTheModelWith4KiBPages() {
        run(4096, config4k());
    }

    @Test
    void agreesWithTheModelWith16KiBPages() {
        run(16384, config16k());
    }

    private void run(int pageSize, Config config) {
        var capabilities = capabilities();
        Assumptions.assumeTrue(capabilities.supports(pageSize),
                () -> getClass().getSimpleName() + " does not support page size " + pageSize + " (" + capabilities + ")");
        var name = getClass().getSimpleName() + " P=" + pageSize;
        var result = checkWatched(name, pageSize, config, capabilities, actionTimeout());
        System.out.println(result.report());
        result.orThrow();
    }

    /**
     * Runs the check on a thread of its own and fails with the call that did not return when one into
     * the device lasts longer than {@code timeout} (that thread, stuck in the device, is left behind as a
     * daemon: a Java thread cannot be stopped).
     */
    private Result checkWatched(String name, int pageSize, Config config, Capabilities capabilities, Duration timeout) {
        var outcome = new AtomicReference<Result>();
        var thrown = new AtomicReference<Throwable>();
        Thread runner = Thread.ofPlatform().daemon().name("ashmem-tck " + name).start(() -> {
            try {
                outcome.set(Differential.check(name, this::newDevice, pageSize, config, capabilities));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        try {
            while (!runner.join(Duration.ofMillis(100))) {
                var hung = CallWatch.on(runner, timeout.toNanos());
                if (hung.isPresent()) {
                    var call = hung.get();
                    return Assertions.fail("HANG: " + call.op() + " did not return within " + timeout.toSeconds()
                            + " s (" + name + "); the device is left in that call");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + name + " ran", e);
        }
        switch (thrown.get()) {
            case null -> {
            }
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            case Throwable e -> throw new IllegalStateException(e);
        }
        return outcome.get();
    }
}
