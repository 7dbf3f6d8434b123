package dev.ashmem.pbt.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the generator of a {@link Property} parameter: a field of type {@code Gen} or a method without
 * parameters returning one, static or not, declared in the test class or a superclass.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface From {
    String value();
}
