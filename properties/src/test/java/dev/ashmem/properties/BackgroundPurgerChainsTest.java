package dev.ashmem.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.impl.shrink.BackgroundPurger;
import dev.ashmem.impl.shrink.MemoryPressure;
import dev.ashmem.model.Exercises;
import dev.ashmem.model.Op;
import dev.ashmem.pbt.Action;
import dev.ashmem.pbt.Config;
import dev.ashmem.pbt.Pbt;
import dev.ashmem.pbt.Result;
import dev.ashmem.pbt.Step;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The reference implementation's background purger as a step of the differential chains: a purger over the
 * pair's shrinker ({@link PairedShrinker}) trims on a tick of its thread, on a direct trimTo or on a memory-pressure
 * signal. Every count and scan it makes must agree with the model's shrinker, and what it did must be what it
 * promises: one range per scan (SHRINK-NR), a scan only while the count is above its target, a stop at the target,
 * an empty LRU or a run of scans that free nothing, and the sum of the scans' pages as its result.
 */
class BackgroundPurgerChainsTest {
    private static final String ACTION = "background_purger";

    private enum Way { TICK, TRIM_TO, PRESSURE }

    /**
     * A budget near the current count, or twice or four times it (so a pressure signal's target lands near the
     * count: MODERATE trims to half the budget, LOW to a quarter), 0, a few pages, or one that never trims.
     */
    private static long budget(DevicePair pair, Step step) {
        var c = step.ctx().choices();
        long count = pair.state().lruCount();
        if (count < 0 || count > 1L << 40) {
            return c.drawBoolean() ? c.draw(16) : Long.MAX_VALUE; // a wrapped or huge count
        }
        return switch (c.drawIndex(6)) {
            case 0 -> c.draw(16);
            case 1 -> Math.max(0, count - c.draw(Math.min(16, count)));
            case 2 -> count;
            case 3 -> 2 * count + c.draw(1);
            case 4 -> 4 * count + c.draw(3);
            default -> Long.MAX_VALUE;
        };
    }

    private static Object purge(DevicePair pair, Step step) throws InterruptedException {
        var c = step.ctx().choices();
        var way = Way.values()[c.drawIndex(Way.values().length)];
        long budget = budget(pair, step);
        var shrinker = new PairedShrinker(pair);
        long target;
        long freed;
        BackgroundPurger purger;
        switch (way) {
            case TICK -> {
                // Its thread trims once at start, then sleeps for the hour: close() wakes and joins it.
                purger = BackgroundPurger.start(shrinker, budget, Duration.ofHours(1));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (purger.ticks() < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                step.check(purger.ticks() >= 1, "the purger's thread ticks at start");
                purger.close();
                step.check(!purger.isRunning(), "close() stops the purger's thread");
                target = budget;
                freed = purger.pagesPurged();
            }
            case TRIM_TO -> {
                purger = BackgroundPurger.onDemand(shrinker, budget);
                target = budget;
                freed = purger.trimTo(target);
                purger.close();
            }
            default -> {
                purger = BackgroundPurger.onDemand(shrinker, budget);
                var level = MemoryPressure.values()[c.drawIndex(MemoryPressure.values().length)];
                target = switch (level) {
                    case MODERATE -> budget / 2;
                    case LOW -> budget / 4;
                    case CRITICAL -> 0;
                };
                freed = purger.onMemoryPressure(level);
                purger.close();
                step.label("pressure " + level);
            }
        }
        step.describe(() -> way + " budget " + budget + " target " + target + ": " + shrinker.calls());
        step.check(shrinker.disagreement() == null, "result agrees with the model", shrinker::disagreement);
        long scanned = 0;
        int idleRun = 0;
        for (var call : shrinker.calls()) {
            if (call.op() instanceof Op.ShrinkScan scan) {
                step.check(scan.nrToScan() == 1 && scan.mayEnterFs(), "the purger scans one range at a time",
                        () -> "scan " + scan);
                step.check(Long.compareUnsigned(call.countBefore(), target) > 0, "the purger scans only above its target",
                        () -> "scan with lruCount " + Long.toUnsignedString(call.countBefore()) + " and target " + target);
                scanned += call.expected();
                idleRun = call.expected() == 0 ? idleRun + 1 : 0;
            }
        }
        long sum = scanned;
        step.check(freed == sum, "the purger returns the pages its scans freed", () -> "returned " + freed + ", scans freed " + sum);
        step.check(purger.pagesPurged() == freed, "pagesPurged() counts what the purger freed");
        var after = pair.state();
        long after1 = after.lruCount();
        boolean idle = idleRun >= 64;
        step.check(Long.compareUnsigned(after1, target) <= 0 || after.lru().isEmpty() || idle,
                "the purger stops only at its target, an empty LRU or scans that free nothing",
                () -> "lruCount " + Long.toUnsignedString(after1) + " above target " + target + " with " + after.lru().size() + " ranges");
        var difference = pair.difference();
        step.check(difference == null, "state agrees with the model", () -> difference);
        step.label(freed > 0 ? ACTION + " freed pages" : ACTION + " freed nothing");
        step.label(ACTION + " " + way);
        return freed;
    }

    @Exercises({"SHRINK-COUNT", "SHRINK-NR", "SHRINK-ORDER", "SHRINK-RET"})
    @Test
    void thePurgersTicksTrimsAndPressureSignalsAgreeWithTheModelsShrinker() {
        var machine = Differential.machine(OffHeapAshmem::new, 4096)
                .action(Action.<DevicePair>call(ACTION, BackgroundPurgerChainsTest::purge).weight(8));
        var config = Config.defaults().withTries(200).withMaxSteps(50).withSystemProperties();
        var result = Pbt.check("background purger chains", config.withPageSize(4096), machine::run);
        System.out.println(result.report());
        assertThat(result).as(result.report()).isInstanceOf(Result.Passed.class);
        assertThat(result.statistics().labels()).containsKeys(ACTION + " freed pages", ACTION + " TICK",
                ACTION + " TRIM_TO", ACTION + " PRESSURE", "pressure MODERATE", "pressure LOW", "pressure CRITICAL");
    }
}
