/**
 * The off-heap reference implementation of ashmem: {@link dev.ashmem.impl.OffHeapAshmem} implements the
 * driver surface {@link dev.ashmem.model.AshmemDevice} with real memory (memfd, mmap, hole punches)
 * through java.lang.foreign, and reproduces the model's observable state exactly.
 */
package dev.ashmem.impl;
