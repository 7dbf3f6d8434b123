package dev.ashmem.pbt;

/** The code of a property: draws from the context and throws (any Throwable) to fail. */
@FunctionalInterface
public interface PropertyBody {
    void run(Ctx ctx) throws Throwable;
}
