package dev.ashmem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.properties.CampaignSummary;
import dev.ashmem.properties.CoverageFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --jobs and --shard change where chains run, never which chains run: with --tries, one job, two jobs and
 * two shards merged give the same chains, actions, coverage and failures (against a device with a bug, so
 * failures exist).
 */
class CampaignShardsTest {
    @TempDir
    Path dir;

    CampaignRun run(String... args) {
        return CampaignRun.of(dir, args);
    }

    CampaignRun campaign(String name, String... more) {
        var args = Stream.concat(Stream.of("--tries", "24", "--seed", "5", "--impl", GetSizeOffByOne.class.getName(),
                "--no-stress", "--no-model-check", "--out", dir.resolve(name).toString()), Stream.of(more)).toArray(String[]::new);
        return run(args);
    }

    static String line(String out, String start) {
        return out.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError("no line " + start + " in\n" + out));
    }

    @Test
    void oneJobTwoJobsAndTwoShardsMergedRunTheSameChains() throws Exception {
        var one = campaign("one", "--jobs", "1");
        var two = campaign("two", "--jobs", "2");
        assertThat(one.status()).isEqualTo(1);
        assertThat(two.status()).isEqualTo(1);
        var s1 = CampaignSummary.read(dir.resolve("one/differential"));
        var s2 = CampaignSummary.read(dir.resolve("two/differential"));
        assertThat(s1.chains()).isEqualTo(24);
        assertThat(s1.failures()).isNotEmpty();
        assertThat(s2.chains()).isEqualTo(s1.chains());
        assertThat(s2.actions()).isEqualTo(s1.actions());
        assertThat(s2.failures()).isEqualTo(s1.failures());
        assertThat(CoverageFile.read(dir.resolve("two/differential"))).isEqualTo(CoverageFile.read(dir.resolve("one/differential")));
        // The failure kept is the lowest chain's, whichever thread found it first.
        assertThat(Files.readString(dir.resolve("two/differential/failure-1.trace")))
                .isEqualTo(Files.readString(dir.resolve("one/differential/failure-1.trace")));

        var a = campaign("a", "--shard", "1/2", "--jobs", "2");
        var b = campaign("b", "--shard", "2/2", "--jobs", "1");
        assertThat(a.out()).contains("shard 1/2");
        var merged = run("merge", dir.resolve("a").toString(), dir.resolve("b").toString(), "--out", dir.resolve("ab").toString());
        assertThat(merged.err()).isEmpty();
        assertThat(merged.status()).as("failures were found").isEqualTo(1);
        assertThat(merged.out()).contains(String.format("merged: %,d chains, %,d actions;", s1.chains(), s1.actions()))
                .contains(line(one.out(), "rules covered: "))
                .contains(s1.failures().size() + " distinct failure(s):")
                .doesNotContain("missing shard", "more than once");
        for (var f : s1.failures()) {
            assertThat(merged.out()).contains(f.signature() + ": first in chain " + f.chain() + " of " + f.count() + ", ");
        }
        // --out: the merged results are the unsharded run's, down to the failure traces' names and bytes.
        var written = CampaignSummary.read(dir.resolve("ab/differential"));
        assertThat(written.shard()).isEqualTo(dev.ashmem.properties.Shard.ALL);
        assertThat(List.of(written.chains(), written.actions())).containsExactly(s1.chains(), s1.actions());
        assertThat(written.failures()).isEqualTo(s1.failures());
        assertThat(CoverageFile.read(dir.resolve("ab/differential"))).isEqualTo(CoverageFile.read(dir.resolve("one/differential")));
        for (var f : s1.failures()) {
            assertThat(dir.resolve("ab/differential/" + f.stem() + ".trace")).hasSameTextualContentAs(dir.resolve("one/differential/" + f.stem() + ".trace"));
        }
        // ... and merge again as the one shard of a whole campaign.
        var again = run("merge", dir.resolve("ab").toString());
        assertThat(again.out()).contains(String.format("merged: %,d chains, %,d actions;", s1.chains(), s1.actions()))
                .contains(s1.failures().size() + " distinct failure(s):");
    }

    @Test
    void aChainReportedByAFailureFailsAloneTheSameWay() throws Exception {
        campaign("whole", "--jobs", "2");
        var f = CampaignSummary.read(dir.resolve("whole/differential")).failures().getFirst();
        var alone = run("--seed", "5", "--chain", String.valueOf(f.chain()), "--impl", GetSizeOffByOne.class.getName(),
                "--no-stress", "--no-model-check", "--out", dir.resolve("alone").toString());
        assertThat(alone.status()).isEqualTo(1);
        var s = CampaignSummary.read(dir.resolve("alone/differential"));
        assertThat(s.chains()).isEqualTo(1);
        assertThat(s.failures()).singleElement().satisfies(g -> {
            assertThat(g.signature()).isEqualTo(f.signature());
            assertThat(g.chain()).isEqualTo(f.chain());
        });
        assertThat(Files.readString(dir.resolve("alone/differential/failure-1.trace")))
                .isEqualTo(Files.readString(dir.resolve("whole/differential/failure-1.trace")));
    }

    @Test
    void aMissingOrRepeatedShardFailsTheMergeAndIsNamed() {
        var reference = "dev.ashmem.model.AshmemModel";
        for (String s : new String[] {"1/3", "2/3"}) {
            assertThat(run("--tries", "6", "--seed", "9", "--impl", reference, "--shard", s, "--no-stress", "--no-model-check",
                    "--out", dir.resolve(s.replace('/', '-')).toString()).status()).isZero();
        }
        var merged = run("merge", dir.resolve("1-3").toString(), dir.resolve("2-3").toString(), dir.resolve("2-3/differential").toString(),
                "--out", dir.resolve("merged").toString());
        assertThat(merged.out()).contains("missing shard(s): 3/3", "shard(s) given more than once: 2/3 [", "campaign merge: FAILED",
                "merged results not written: the shards are not 1..3 once each");
        assertThat(dir.resolve("merged")).doesNotExist();
        assertThat(merged.status()).isEqualTo(1);
        var complete = run("merge", dir.resolve("1-3").toString(), dir.resolve("2-3").toString());
        assertThat(complete.out()).contains("missing shard(s): 3/3");
        assertThat(complete.status()).isEqualTo(1);
    }

    @Test
    void shardsOfDifferentCampaignsAreNotMerged() {
        run("--tries", "2", "--seed", "1", "--impl", "dev.ashmem.model.AshmemModel", "--shard", "1/2", "--no-stress", "--no-model-check",
                "--out", dir.resolve("x").toString());
        run("--tries", "2", "--seed", "2", "--impl", "dev.ashmem.model.AshmemModel", "--shard", "2/2", "--no-stress", "--no-model-check",
                "--out", dir.resolve("y").toString());
        var merged = run("merge", dir.resolve("x").toString(), dir.resolve("y").toString());
        assertThat(merged.status()).isEqualTo(2);
        assertThat(merged.err().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).endsWith(": seed 2, not 1"));
        assertThat(merged.err()).contains("Usage: campaign merge");
    }

    /**
     * With a budget of tries only, every shard runs all of its chains; a shard that ran fewer (cut short)
     * fails the merge, which took it as a result before. A budget with a time limit says so.
     */
    @Test
    void aShardThatRanFewerChainsThanItsTriesFailsTheMerge() throws Exception {
        var reference = "dev.ashmem.model.AshmemModel";
        for (String s : new String[] {"1/2", "2/2"}) {
            assertThat(run("--tries", "6", "--seed", "9", "--impl", reference, "--shard", s, "--no-stress", "--no-model-check",
                    "--out", dir.resolve(s.replace('/', '-')).toString()).status()).isZero();
        }
        assertThat(run("merge", dir.resolve("1-2").toString(), dir.resolve("2-2").toString()).status()).isZero();
        var summary = dir.resolve("2-2/differential/summary.tsv");
        java.nio.file.Files.writeString(summary, java.nio.file.Files.readString(summary).replaceFirst("(?m)^chains\t3$", "chains\t1"));
        var merged = run("merge", dir.resolve("1-2").toString(), dir.resolve("2-2").toString());
        assertThat(merged.status()).isEqualTo(1);
        assertThat(merged.out()).contains("incomplete shard(s), not the budget of 6 tries: 2/2 ran 1 of its 3 chains", "campaign merge: FAILED");
        var timed = run("--tries", "6", "--time", "30s", "--seed", "9", "--impl", reference, "--shard", "1/2", "--no-stress",
                "--no-model-check", "--out", dir.resolve("timed").toString());
        assertThat(java.nio.file.Files.readString(dir.resolve("timed/differential/summary.tsv"))).contains("budget\t6 tries within 30 s");
        assertThat(timed.status()).isZero();
    }

    /** Result files that are not what a campaign writes: one line naming the file and exit 2, no stack trace. */
    @Test
    void damagedResultFilesAreOneLineErrors() throws Exception {
        assertThat(run("--tries", "2", "--seed", "1", "--impl", "dev.ashmem.model.AshmemModel", "--no-stress", "--no-model-check",
                "--out", dir.resolve("r").toString()).status()).isZero();
        var d = dir.resolve("r/differential");
        var summary = java.nio.file.Files.readString(d.resolve("summary.tsv"));
        var coverage = java.nio.file.Files.readString(d.resolve("coverage.tsv"));
        record Damage(String file, byte[] bytes, String says) {
        }
        var damages = java.util.List.of(
                new Damage("coverage.tsv", (coverage + "PIN-RET\tmany\n").getBytes(), "coverage.tsv line"),
                new Damage("summary.tsv", (summary + "actions\t-5\n").getBytes(), "'actions' given twice"),
                new Damage("summary.tsv", summary.replaceFirst("(?m)^seconds\t.*$", "seconds\tNaN").getBytes(), "seconds must be at least 0"),
                new Damage("summary.tsv", summary.replaceFirst("(?m)^shard\t.*$", "shard\t3/2").getBytes(), "summary.tsv: "),
                new Damage("summary.tsv", (summary + "note\t\u00ff").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "cannot read the results"));
        for (var damage : damages) {
            java.nio.file.Files.writeString(d.resolve("summary.tsv"), summary);
            java.nio.file.Files.writeString(d.resolve("coverage.tsv"), coverage);
            java.nio.file.Files.write(d.resolve(damage.file()), damage.bytes());
            var merged = run("merge", dir.resolve("r").toString());
            assertThat(merged.status()).as(damage.says()).isEqualTo(2);
            assertThat(merged.err().lines().findFirst()).as(damage.says()).hasValueSatisfying(l -> assertThat(l).contains(damage.says()));
            assertThat(merged.err()).doesNotContain("Exception", "\tat ");
        }
    }

    /** A passing run into the --out of a failing one: the earlier failures are not this run's (the HTML report listed them). */
    @Test
    void anEarlierRunsFailuresAreGoneFromALaterRunsResults() throws Exception {
        assertThat(campaign("same").status()).as("the off-by-one device fails").isEqualTo(1);
        var d = dir.resolve("same/differential");
        try (var files = java.nio.file.Files.list(d)) {
            assertThat(files.map(f -> f.getFileName().toString())).contains("failure-1.trace", "failure-1.txt");
        }
        var passing = run("--tries", "4", "--seed", "5", "--impl", "dev.ashmem.model.AshmemModel", "--no-stress", "--no-model-check",
                "--out", dir.resolve("same").toString());
        assertThat(passing.status()).isZero();
        try (var files = java.nio.file.Files.list(d)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("failure-"));
        }
        var html = dir.resolve("same/report.html");
        if (java.nio.file.Files.exists(html)) {
            assertThat(java.nio.file.Files.readString(html)).doesNotContain("failure-1");
        }
    }

    /** A call that does not return is a failure of the implementation that ends the run; the campaign hung before. */
    @Test
    void anImplementationThatHangsIsReportedAndTheRunEnds() throws Exception {
        long t0 = System.nanoTime();
        var r = run("--tries", "50", "--seed", "5", "--impl", HangsOnGetSize.class.getName(), "--action-timeout", "1s",
                "--no-stress", "--no-model-check", "--out", dir.resolve("hang").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("FAILURE HANG: ioctl did not return", "the implementation did not return from ioctl",
                "within 1 s", "the run stops here");
        assertThat(System.nanoTime() - t0).isLessThan(java.time.Duration.ofSeconds(60).toNanos());
        var summary = java.nio.file.Files.readString(dir.resolve("hang/differential/summary.tsv"));
        assertThat(summary).contains("HANG: ioctl did not return");
        assertThat(run("merge", dir.resolve("hang").toString()).status()).as("the merge sees the failure").isEqualTo(1);
    }
}
