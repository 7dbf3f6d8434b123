package dev.ashmem.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Result;
import dev.ashmem.pbt.Config;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An implementation that throws an Error (an AssertionError, a StackOverflowError of its own) or returns
 * null from a call fails at that call, with the call as the last line of its trace. An Error used to leave
 * the trace a line short: its rendering threw, and the report called the failure flaky with an empty
 * counterexample; null was reported as "threw null".
 */
class MisbehavingImplementationTest {

    /** The model, except that GET_SIZE misbehaves as told. */
    static final class Misbehaving extends ForwardingDevice {
        private final String how;

        Misbehaving(int pageSize, String how) {
            super(new AshmemModel(pageSize));
            this.how = how;
        }

        @Override
        public Result ioctl(int fd, Command cmd, Caller caller) {
            if (cmd instanceof Command.GetSize) {
                switch (how) {
                    case "error" -> throw new AssertionError("the implementation's own assertion");
                    case "stack" -> throw new StackOverflowError();
                    case "null" -> {
                        return null;
                    }
                    default -> {
                    }
                }
            }
            return super.ioctl(fd, cmd, caller);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"error", "stack", "null"})
    void theFailingCallIsTheLastLineOfTheTrace(String how) {
        var result = Differential.check("misbehaving " + how, p -> new Misbehaving(p, how), 4096,
                Differential.defaultConfig(Capabilities.full()).withSeed(7L).withDatabase(null).withMaxShrinks(500));
        assertThat(result).as(result.report()).isInstanceOf(dev.ashmem.pbt.Result.Failed.class);
        var failed = (dev.ashmem.pbt.Result.Failed) result;
        assertThat(failed.flaky()).as(result.report()).isFalse();
        assertThat(result.report()).contains("GET_SIZE").doesNotContain("FLAKY", "IndexOutOfBounds");
        if (how.equals("null")) {
            assertThat(result.report()).contains("returned null, not a Result");
        }
    }
}
