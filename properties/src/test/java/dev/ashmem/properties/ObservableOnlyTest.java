package dev.ashmem.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.generator.OpKind;
import dev.ashmem.impl.broken.BrokenVariant;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.pbt.Config;
import dev.ashmem.pbt.Result;
import org.junit.jupiter.api.Test;

/**
 * The TCK's reduced modes: a device that hides its state is still checked through what it returns, and
 * an LRU-order bug, invisible without the LRU, still shows through which range a scan purges.
 */
class ObservableOnlyTest {
    private static final Capabilities HIDDEN = Capabilities.full().observableOnly();

    /** The observable-only default budget, seeded. */
    private static Config config() {
        return Differential.defaultConfig(HIDDEN).withSeed(20261205L).withDatabase(null).withMaxShrinks(1500);
    }

    @Test
    void aCorrectDeviceThatHidesItsStatePasses() {
        // The model behind a device whose snapshot() throws: the mode never asks for the state and finds no false difference.
        var result = Differential.check("hidden model", p -> new HiddenStateDevice(new AshmemModel(p)), 4096, config(), HIDDEN);
        assertThat(result).as(result.report()).isInstanceOf(Result.Passed.class);
    }

    @Test
    void anLruOrderBugShowsThroughWhatItChanges() {
        var variant = BrokenVariant.SPLIT_PIECE_IN_PLACE; // PIN-SPLIT-TAIL: the split-off piece keeps its sibling's LRU place
        var result = Differential.check(variant.id(), p -> new HiddenStateDevice(variant.create(p)), 4096, config(), HIDDEN);
        assertThat(result).as("observable-only mode must catch %s", variant).isInstanceOf(Result.Failed.class);
        var report = result.report();
        System.out.println(report);
        // Found through a result or the content (the snapshot is never taken), and the trace replays the whole chain.
        assertThat(report).doesNotContain("observable state differs").contains("step 1: ").contains("setup: open -> 0");
        assertThat(report).containsPattern("(result agrees with the model|content of area|mapping \\d+ differs)");
        assertThat(report).contains("shrink_scan");
    }

    @Test
    void operationClassesADeviceLacksAreNeverDrawn() {
        var lacking = Capabilities.full().without(OpKind.SHRINK, OpKind.READ, OpKind.LLSEEK).observableOnly();
        var config = Differential.defaultConfig(lacking).withTries(100).withSeed(1L).withDatabase(null);
        var result = Differential.check("no shrinker, no read", p -> new HiddenStateDevice(new AshmemModel(p)) {
            @Override
            public dev.ashmem.model.Result read(int fd, int count) {
                throw new UnsupportedOperationException("read");
            }

            @Override
            public dev.ashmem.model.Result llseek(int fd, long offset, int whence) {
                throw new UnsupportedOperationException("llseek");
            }

            @Override
            public long shrinkCount() {
                throw new UnsupportedOperationException("shrinkCount");
            }

            @Override
            public long shrinkScan(long nrToScan, boolean mayEnterFs) {
                throw new UnsupportedOperationException("shrinkScan");
            }
        }, 4096, config, lacking);
        assertThat(result).as(result.report()).isInstanceOf(Result.Passed.class);
        assertThat(result.statistics().labels()).doesNotContainKeys("action:shrink", "action:read", "action:llseek")
                .containsKeys("action:pin_unpin", "action:pin_status", "action:access");
    }
}
