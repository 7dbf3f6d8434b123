/**
 * The libcutils API of {@code <cutils/ashmem.h>} ({@link dev.ashmem.impl.cutils.Ashmem}: ints, negative
 * errno) and AutoCloseable Java handles over it ({@link dev.ashmem.impl.cutils.Region},
 * {@link dev.ashmem.impl.cutils.RegionMapping}).
 */
package dev.ashmem.impl.cutils;
