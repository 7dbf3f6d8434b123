package dev.ashmem.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary file a shard leaves for {@code campaign merge}. */
class CampaignSummaryTest {
    @TempDir
    Path dir;

    @Test
    void whatIsWrittenIsReadBack() throws Exception {
        var s = new CampaignSummary(-7, new Shard(2, 3), "40 tries", List.of(4096, 16384), 2, 13, 400, 1.5,
                List.of(new CampaignSummary.Failure("SIZE-GET / ioctl GET_SIZE / result", 4, 99, "failure-1", 3)));
        s.write(dir);
        assertThat(CampaignSummary.read(dir)).isEqualTo(s);
        assertThat(s.passed()).isFalse();
    }

    @Test
    void aDirectoryWithoutASummaryOrWithABrokenOneIsSaidInOneLine() throws Exception {
        assertThatThrownBy(() -> CampaignSummary.read(dir)).hasMessage(dir + " holds no campaign results (no summary.tsv)");
        Files.writeString(dir.resolve(CampaignSummary.NAME), "rule\t3\n");
        assertThatThrownBy(() -> CampaignSummary.read(dir)).hasMessageContaining("is not a campaign summary");
        Files.writeString(dir.resolve(CampaignSummary.NAME), "ashmem-campaign-summary\t1\nseed\t1\n");
        assertThatThrownBy(() -> CampaignSummary.read(dir)).hasMessageEndingWith("has no 'shard' line");
    }
}
