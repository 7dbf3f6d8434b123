package dev.ashmem.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Profile names: one word per profile, read back by the parser; `rust` names the newest Rust revision. */
class ProfileNamesTest {

    @Test
    void everyWordParsesToItsProfileAndPrintsBack() {
        for (var p : Profile.values()) {
            assertThat(Profile.parse(p.word())).isEqualTo(p);
            var t = TraceParser.parse("p", "profile " + p.word() + "\nopen -> 3\n");
            assertThat(t.header().profile()).isEqualTo(p);
            assertThat(TracePrinter.print(t)).contains("profile " + p.word() + "\n");
        }
        assertThat(Profile.RUST_2024.word()).isEqualTo("rust-2024");
        assertThat(Profile.parse("rust")).isEqualTo(Profile.RUST_2025);
        assertThat(Profile.parse("RUST-2024")).isEqualTo(Profile.RUST_2024);
        assertThat(Profile.words()).startsWith("mainline").contains("rust-2024", "rust-2025", "rust");
        assertThatThrownBy(() -> Profile.parse("rust_2024")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected one of mainline, rust-2024, rust-2025");
    }

    @Test
    void everyRustDifferenceCitesItsSourceAndBelongsToItsProfile() {
        for (var p : new Profile[] {Profile.RUST_2024, Profile.RUST_2025}) {
            assertThat(p.differences()).isNotEmpty().allSatisfy(d -> {
                assertThat(d.profile()).isEqualTo(p);
                assertThat(d.source()).matches("ashmem(_rust|_range)?\\.rs .*::.*");
                assertThat(d.referenceRule()).matches("[A-Z]+(-[A-Z0-9]+)+(, [A-Z]+(-[A-Z0-9]+)+)*");
            });
            assertThat(p.differences()).doesNotHaveDuplicates();
        }
    }
}
