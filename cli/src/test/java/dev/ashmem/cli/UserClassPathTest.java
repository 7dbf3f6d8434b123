package dev.ashmem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.model.UserDeviceClass;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --impl from a user's own class directory (--classpath): compiled here, so nothing on the test class path has it. */
class UserClassPathTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    private Run campaign(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = CampaignCommand.run(new PrintStream(out, true), new PrintStream(err, true), dir, args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void theCampaignLoadsAnImplementationFromTheUsersClassPath() throws Exception {
        var classes = UserDeviceClass.compileInto(dir);
        var without = campaign("--impl", UserDeviceClass.NAME, "--tries", "5", "--no-stress", "--no-model-check");
        assertThat(without.status()).isEqualTo(2);
        assertThat(without.err()).startsWith("--impl: implementation class user.ModelDevice is not on the class path");

        var with = campaign("--classpath", classes.toString(), "--impl", UserDeviceClass.NAME, "--tries", "20", "--seed", "1",
                "--page-sizes", "4096", "--no-stress", "--no-model-check", "--out", dir.resolve("out").toString());
        assertThat(with.status()).as(with.out() + with.err()).isZero();
        assertThat(with.out()).contains("against user.ModelDevice", "campaign summary: differential passed");
    }

    @Test
    void aMissingClassPathEntryIsOneClearLine() {
        var r = campaign("--classpath", dir.resolve("nope.jar").toString(), "--impl", UserDeviceClass.NAME);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("--classpath: " + dir.resolve("nope.jar") + " does not exist");
    }
}
