package dev.ashmem.pbt.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit Jupiter test method as a property. Its parameters are a {@link dev.ashmem.pbt.Ctx}
 * (draw from it inside the method), parameters with {@link From} naming a generator, or parameters of a
 * type with a default generator (int, long, boolean, String, byte[] and their boxes).
 *
 * <p>Unset attributes keep the defaults of {@link dev.ashmem.pbt.Config#defaults()}; {@code pbt.*}
 * system properties (or JUnit configuration parameters) override both. {@code @BeforeEach} and
 * {@code @AfterEach} run once around the whole property, not around each try.
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Test
@ExtendWith(PropertyExtension.class)
public @interface Property {

    /** Valid test cases to run; 0 keeps the default (100). */
    int tries() default 0;

    /** Maximum chain length for state machines; -1 keeps the default (50). */
    int maxSteps() default -1;

    /** Search seed (decimal or 0x hex); empty for a random seed. */
    String seed() default "";

    /** Time budget of the search, e.g. {@code 10s}; empty for none. */
    String time() default "";

    /** Maximum shrink runs; -1 keeps the default (5000). */
    int shrinks() default -1;

    /** Time budget for shrinking, e.g. {@code 30s}; empty keeps the default. */
    String shrinkTime() default "";

    /** Distinct failures to find, shrink and report in one run; -1 keeps the default (1). */
    int maxFailures() default -1;

    /** Page size for integer edge cases; 0 keeps the default (4096). */
    long pageSize() default 0;

    /** Store failures under {@code target/pbt-failures/} and replay them first next time. */
    boolean database() default true;
}
