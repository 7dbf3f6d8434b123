package dev.ashmem.impl.broken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The catalogue as the oracle's --variant NAME and its listing read it: every entry found by its name,
 * names in catalogue order, an unknown name answered with the known ones, and each entry's origin telling
 * a defect of a real driver from a synthetic one.
 */
class BrokenVariantCatalogueTest {
    @Test
    void everyEntryIsFoundByItsNameAndBreaksANamedRule() {
        for (var v : BrokenVariant.values()) {
            assertThat(BrokenVariant.named(v.id())).isSameAs(v);
            assertThat(v.id()).matches("[a-z0-9]+(-[a-z0-9]+)+").isEqualTo(v.toString());
            assertThat(v.rule()).as(v.id()).matches("[A-Z]+(-[A-Z0-9]+)+");
            assertThat(v.suites()).as(v.id()).isNotEmpty().allMatch(v::caughtBy);
            assertThat(v.decisions().isDriver()).isFalse();
        }
        assertThat(BrokenVariant.named("pin-forgets-lru-count")).isSameAs(BrokenVariant.PIN_FORGETS_LRU_COUNT);
    }

    @Test
    void anUnknownNameIsAnsweredWithTheKnownOnesInCatalogueOrder() {
        String all = Arrays.stream(BrokenVariant.values()).map(BrokenVariant::id).collect(Collectors.joining(", "));
        assertThat(BrokenVariant.names()).isEqualTo(all).startsWith("mprotect-beyond-mask, set-size-after-mmap, ");
        assertThatThrownBy(() -> BrokenVariant.named("no-such-bug"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown broken variant 'no-such-bug'; known: " + all);
    }

    /** Historical: a CVE or a numbered bug of a real driver version; the rest are synthetic or a profile difference. */
    @Test
    void anOriginIsHistoricalExactlyWhenARealDriverHadTheDefect() {
        for (var o : Origin.values()) {
            boolean real = o.description().startsWith("CVE-") || o.description().startsWith("driver bug");
            assertThat(o.historical()).as(o.name()).isEqualTo(real);
        }
        assertThat(BrokenVariant.MPROTECT_BEYOND_MASK.origin()).isEqualTo(Origin.CVE_2011_1149);
        assertThat(BrokenVariant.PIN_FORGETS_LRU_COUNT.origin().historical()).isFalse();
    }
}
