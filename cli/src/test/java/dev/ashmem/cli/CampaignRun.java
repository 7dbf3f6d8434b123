package dev.ashmem.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/** One in-process {@code ./ashmem campaign} run with its exit status and both streams, for the campaign's tests. */
record CampaignRun(int status, String out, String err) {
    static CampaignRun of(Path root, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = CampaignCommand.run(new PrintStream(out, true), new PrintStream(err, true), root, args);
        return new CampaignRun(status, out.toString(), err.toString());
    }
}
