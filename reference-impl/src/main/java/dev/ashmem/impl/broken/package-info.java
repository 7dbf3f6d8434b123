/**
 * The catalogue of deliberately broken variants of the reference implementation ({@link
 * dev.ashmem.impl.broken.BrokenVariant}): every suite with teeth (differential, drive, scenario, stress,
 * model checker) iterates over the entries that name it. They are test fixtures that live in main code
 * because jcstress and {@code ashmem serve --variant} run them from the jar.
 */
package dev.ashmem.impl.broken;
