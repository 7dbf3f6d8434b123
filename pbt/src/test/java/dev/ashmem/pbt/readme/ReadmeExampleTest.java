package dev.ashmem.pbt.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.pbt.Config;
import dev.ashmem.pbt.Pbt;
import dev.ashmem.pbt.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's property-engine example compiles as printed (it is QueueProperties) and passes. */
class ReadmeExampleTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCE = Path.of("src/test/java/dev/ashmem/pbt/readme/QueueProperties.java");

    @Test
    void theReadmeShowsThisSourceVerbatim() throws Exception {
        var source = Files.readString(SOURCE);
        var example = source.substring(source.indexOf("import dev.ashmem.pbt.*;")).strip();
        var readme = Files.readString(README);
        assertThat(readme).as("README.md's property-engine example must be QueueProperties.java from its first import")
                .contains("```java\n" + example + "\n```");
    }

    @Test
    void theExamplePasses() {
        var result = Pbt.check("README example", Config.defaults().withTries(300).withMaxSteps(40).withSeed(1L),
                QueueProperties.BUFFER::run);
        assertThat(result).as(result.report()).isInstanceOf(Result.Passed.class);
        assertThat(result.statistics().hits("action:get")).isPositive();
    }
}
