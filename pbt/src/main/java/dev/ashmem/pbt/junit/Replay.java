package dev.ashmem.pbt.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@link Property} once on the given choice sequence (as printed in a failure report) instead of
 * searching: {@code @Replay("v2.AQID")}. Remove it once the bug is fixed, or keep it as a regression test.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Replay {
    String value();
}
