package dev.ashmem.pbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigTest {

    private static Config override(Config base, Map<String, String> props) {
        return base.withOverrides(k -> Optional.ofNullable(props.get(k)));
    }

    @Test
    void keysOverrideEverySetting() {
        Config c = override(Config.defaults().withTries(10), Map.of(
                "pbt.tries", "100_000", "pbt.seed", "0x2A", "pbt.time", "60s", "pbt.maxSteps", "200",
                "pbt.shrinks", "10", "pbt.shrinkTime", "500ms", "pbt.pageSize", "16384",
                "pbt.replay", "v2.AQ", "pbt.database", "/tmp/db", "pbt.maxChoices", "5000"));
        assertThat(c.tries()).isEqualTo(100_000);
        assertThat(c.seed()).isEqualTo(42L);
        assertThat(c.time()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.maxSteps()).isEqualTo(200);
        assertThat(c.maxShrinks()).isEqualTo(10);
        assertThat(c.shrinkTime()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.pageSize()).isEqualTo(16384);
        assertThat(c.replay()).isEqualTo("v2.AQ");
        assertThat(c.database()).isEqualTo(Path.of("/tmp/db"));
        assertThat(c.maxChoices()).isEqualTo(5000);
    }

    @Test
    void blankKeysKeepTheBaseAndDatabaseCanBeSwitchedOff() {
        Config base = Config.defaults().withTries(7).withDatabase(Path.of("x"));
        assertThat(override(base, Map.of("pbt.tries", " "))).isEqualTo(base);
        assertThat(override(base, Map.of("pbt.database", "off")).database()).isNull();
    }

    @Test
    void durationsInSeveralSpellings() {
        assertThat(Config.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Config.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Config.parseDuration("PT2S")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Config.parseDuration("30")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> override(Config.defaults(), Map.of("pbt.tries", "lots")))
                .hasMessage("pbt.tries: cannot use 'lots': not a number");
        assertThatThrownBy(() -> override(Config.defaults(), Map.of("pbt.time", "soon")))
                .hasMessageStartingWith("pbt.time: cannot use 'soon': not a duration");
        assertThatThrownBy(() -> override(Config.defaults(), Map.of("pbt.tries", "0")))
                .hasMessage("pbt.tries: cannot use '0': tries must be >= 1: 0");
    }

    @Test
    void targetedReplayOnlyAppliesToItsProperty() {
        assertThat(Engine.replayFor("v2.AQ", "a.B#c")).isEqualTo("v2.AQ");
        assertThat(Engine.replayFor("a.B#c=v2.AQ", "a.B#c")).isEqualTo("v2.AQ");
        assertThat(Engine.replayFor("B#c=v2.AQ", "a.B#c")).isEqualTo("v2.AQ");
        assertThat(Engine.replayFor("B#d=v2.AQ", "a.B#c")).isNull();
        assertThat(Engine.replayFor("XB#c=v2.AQ", "a.B#c")).isNull();
    }
}
