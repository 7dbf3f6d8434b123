package dev.ashmem.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ashmem.impl.Decisions;
import dev.ashmem.impl.broken.BrokenVariant;
import dev.ashmem.impl.broken.Suite;
import org.junit.jupiter.api.Test;

/** The stress variants are "none" plus exactly the catalogue entries naming the stress tests. */
class VariantTest {
    @Test
    void theVariantsAreTheCatalogueEntriesNamingStress() {
        assertThat(Variant.all().stream().map(Variant::id))
                .containsExactly("none", "checks-before-lock", "no-inflight-wait");
        assertThat(Variant.all().stream().skip(1).map(Variant::broken)).containsExactlyElementsOf(BrokenVariant.forSuite(Suite.STRESS));
        assertThat(Variant.of("none")).isSameAs(Variant.NONE);
        try (var dev = Variant.of("no-inflight-wait").create(4096); var good = Variant.NONE.create(4096)) {
            assertThat(dev.decisions()).isEqualTo(BrokenVariant.NO_INFLIGHT_WAIT.decisions());
            assertThat(good.decisions()).isEqualTo(Decisions.DRIVER);
        }
        assertThatThrownBy(() -> Variant.of("merges-adjacent")).hasMessageContaining("known: none, checks-before-lock, no-inflight-wait");
    }
}
