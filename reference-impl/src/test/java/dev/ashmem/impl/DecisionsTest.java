package dev.ashmem.impl;

import static dev.ashmem.model.Abi.U32_MAX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.model.Prot;
import org.junit.jupiter.api.Test;

/**
 * The decisions one at a time, at their boundaries: the driver's answer and, where a deviation changes it,
 * the deviation's. The suites show each through a device; these pin the values the devices rarely reach.
 */
class DecisionsTest {
    @Test
    void theDriverHasNoDeviationAndEachAddedOneIsKept() {
        assertThat(Decisions.DRIVER.isDriver()).isTrue();
        assertThat(Decisions.DRIVER).hasToString("driver");
        var one = Decisions.DRIVER.with(Deviation.SCAN_COUNTS_PAGES);
        assertThat(one.isDriver()).isFalse();
        assertThat(one.has(Deviation.SCAN_COUNTS_PAGES)).isTrue();
        var two = one.with(Deviation.MERGES_ADJACENT);
        assertThat(two.has(Deviation.SCAN_COUNTS_PAGES)).isTrue();
        assertThat(two.has(Deviation.MERGES_ADJACENT)).isTrue();
        assertThat(one.has(Deviation.MERGES_ADJACENT)).as("with() makes a new value").isFalse();
        assertThat(Decisions.of(Deviation.MERGES_ADJACENT)).hasToString("driver with [MERGES_ADJACENT]");
    }

    /** PINARG-OVERFLOW: offset + len may reach U32_MAX exactly, not one more (the check without alignment). */
    @Test
    void anEndOfExactlyU32MaxDoesNotOverflow() {
        assertThat(Decisions.DRIVER.pinArgOverflows(1, U32_MAX - 1)).isFalse();
        assertThat(Decisions.DRIVER.pinArgOverflows(1, U32_MAX)).isTrue();
        assertThat(Decisions.DRIVER.pinArgOverflows(0, U32_MAX)).isFalse();
        assertThat(Decisions.of(Deviation.OVERFLOW_UNCHECKED).pinArgOverflows(1, U32_MAX)).isFalse();
    }

    /** PROT-SUBSET, and the variant that lets bits come back but still refuses bits outside PROT_MASK. */
    @Test
    void aProtMaskMayOnlyLoseBitsUnlessTheVariantLetsThemBack() {
        assertThat(Decisions.DRIVER.protMaskChangeAllowed(Prot.READ, Prot.READ)).isTrue();
        assertThat(Decisions.DRIVER.protMaskChangeAllowed(Prot.READ, Prot.READ | Prot.WRITE)).isFalse();
        var readds = Decisions.of(Deviation.PROT_BIT_READDED);
        assertThat(readds.protMaskChangeAllowed(Prot.READ, Prot.READ | Prot.WRITE)).isTrue();
        assertThat(readds.protMaskChangeAllowed(Prot.ALL, 0x100)).as("not a PROT bit").isFalse();
    }

    /** SHRINK-NR: one per range, wrapping at 0; the variant counts the range's pages and stops at 0. */
    @Test
    void aScanCountsRangesOrForTheVariantPages() {
        assertThat(Decisions.DRIVER.scanRemaining(10, 3)).isEqualTo(9);
        assertThat(Decisions.DRIVER.scanRemaining(0, 3)).isEqualTo(-1L);
        var pages = Decisions.of(Deviation.SCAN_COUNTS_PAGES);
        assertThat(pages.scanRemaining(10, 3)).isEqualTo(7);
        assertThat(pages.scanRemaining(3, 3)).isZero();
        assertThat(pages.scanRemaining(2, 3)).isZero();
    }
}
