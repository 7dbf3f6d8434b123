package dev.ashmem.model;

import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on driver results. */
public final class ResultAssert extends AbstractAssert<ResultAssert, Result> {
    ResultAssert(Result actual) {
        super(actual, ResultAssert.class);
    }

    public ResultAssert isValue(long expected) {
        isNotNull();
        if (!(actual instanceof Result.Value v) || v.value() != expected) {
            failWithMessage("expected the value %s but got %s", expected, actual);
        }
        return this;
    }

    public ResultAssert isSuccess() {
        isNotNull();
        if (!(actual instanceof Result.Value || actual instanceof Result.Bytes)) {
            failWithMessage("expected success but got %s", actual);
        }
        return this;
    }

    public ResultAssert isError(Errno expected) {
        isNotNull();
        if (!(actual instanceof Result.Error e) || e.errno() != expected) {
            failWithMessage("expected -%s but got %s", expected, actual);
        }
        return this;
    }

    public ResultAssert isFault(Result.Signal expected) {
        isNotNull();
        if (!(actual instanceof Result.Fault f) || f.signal() != expected) {
            failWithMessage("expected %s but got %s", expected, actual);
        }
        return this;
    }

    public ResultAssert hasBytes(byte[] expected) {
        isNotNull();
        if (!(actual instanceof Result.Bytes b) || !java.util.Arrays.equals(b.data(), expected)) {
            failWithMessage("expected bytes %s but got %s", new Result.Bytes(expected), actual);
        }
        return this;
    }

    /** Bytes equal to the ASCII text followed by a NUL, as GET_NAME copies out. */
    public ResultAssert isCString(String text) {
        var bytes = (text + "\0").getBytes(StandardCharsets.ISO_8859_1);
        return hasBytes(bytes);
    }

    public ResultAssert hasLength(int expected) {
        isNotNull();
        if (!(actual instanceof Result.Bytes b) || b.length() != expected) {
            failWithMessage("expected %s bytes but got %s", expected, actual);
        }
        return this;
    }
}
