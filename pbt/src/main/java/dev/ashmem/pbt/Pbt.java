package dev.ashmem.pbt;

import java.util.function.Consumer;

/**
 * The plain Java entry point: run a property and get a {@link Result}, without JUnit.
 *
 * <pre>{@code
 * Result r = Pbt.check("reverse twice", Config.defaults().withTries(500), ctx -> {
 *     List<Integer> xs = ctx.draw(Gens.lists(Gens.ints(-10, 10)), "xs");
 *     ctx.checkEquals(xs, reverse(reverse(xs)), "involution");
 * });
 * r.orThrow();
 * }</pre>
 */
public final class Pbt {

    private Pbt() {}

    /** Runs {@code body} under {@code config} exactly as given (no system properties applied). */
    public static Result check(String name, Config config, PropertyBody body) {
        return new Engine(name, config, body).run();
    }

    /** Runs {@code body} with the defaults overridden by {@code pbt.*} system properties. */
    public static Result check(String name, PropertyBody body) {
        return check(name, Config.defaults().withSystemProperties(), body);
    }

    /** Checks that {@code property} holds for values of {@code gen}; the value is reported as {@code value}. */
    public static <T> Result forAll(String name, Config config, Gen<T> gen, Consumer<? super T> property) {
        return check(name, config, ctx -> property.accept(ctx.draw(gen, "value")));
    }
}
