package dev.ashmem.pbt.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires that each label was hit at least {@code atLeast} times in a passing run (labels come from
 * {@code ctx.label}/{@code classify}, and {@code action:NAME} for each state-machine action); otherwise
 * the property fails naming the missing labels.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(Cover.List.class)
public @interface Cover {

    String[] value();

    long atLeast() default 1;

    @Documented
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface List {
        Cover[] value();
    }
}
