package dev.ashmem.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CampaignOptionsTest {

    @Test
    void everyRunGivesTheForkedVmsNativeAccessAndTheVariant() {
        var args = CampaignOptions.parse("--mode", "quick", "--variant", "no-inflight-wait").toJcstressArgs();
        assertThat(args).containsSequence("-m", "quick")
                .containsSequence("-jvmArgsPrepend", "--enable-native-access=ALL-UNNAMED -Dashmem.stress.variant=no-inflight-wait")
                .containsSequence("-t", CampaignOptions.ALL_TESTS)
                .doesNotContain("-jvmArgs", "-time", "-iters");
    }

    @Test
    void smokeIsOneShortIterationInOneJvmConfiguration() {
        var args = CampaignOptions.parse("--mode", "smoke", "--tests", "Pin_").toJcstressArgs();
        assertThat(args).containsSequence("-jvmArgs", "--enable-native-access=ALL-UNNAMED")
                .containsSequence("-time", Integer.toString(CampaignOptions.SMOKE_TIME_MS))
                .containsSequence("-iters", "1")
                .containsSequence("-sc", "false")
                .containsSequence("-t", "Pin_");
    }

    @Test
    void overridesAndPassThroughArgumentsArePassedOn() {
        var args = CampaignOptions.parse("--mode", "tough", "--time", "300", "--forks", "2", "--split", "true",
                "--", "-v", "-c", "2").toJcstressArgs();
        assertThat(args).containsSequence("-time", "300").containsSequence("-f", "2").containsSequence("-sc", "true")
                .endsWith("-v", "-c", "2");
    }

    @Test
    void badOptionsAreRefused() {
        assertThatThrownBy(() -> CampaignOptions.parse("--mode", "forever")).hasMessageContaining("unknown mode");
        assertThatThrownBy(() -> CampaignOptions.parse("--variant", "typo")).hasMessageContaining("unknown variant");
        assertThatThrownBy(() -> CampaignOptions.parse("--time")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> CampaignOptions.parse("--nope")).hasMessageContaining("unknown option");
    }
}
