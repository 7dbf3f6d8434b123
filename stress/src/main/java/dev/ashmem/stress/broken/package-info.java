/**
 * TEST FIXTURES, not implementations: deliberately broken variants of the reference implementation,
 * each a subclass overriding one protected decision, so that the stress tests can show they catch the
 * driver bug it reintroduces. They live in the main sources only because jcstress runs the classes of
 * its jar; nothing but {@link dev.ashmem.stress.Variant} refers to them.
 */
package dev.ashmem.stress.broken;
