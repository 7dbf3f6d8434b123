package dev.ashmem.check.scope;

/** How every area of a scope starts, built by a setup prefix of real operations on a fresh device. */
public enum Initial {
    /** open only: size 0, no file. */
    FRESH,
    /** open, SET_SIZE(pages * P): no file yet. */
    SIZED,
    /** open, SET_SIZE, mmap + munmap: the backing file exists, no mapping is left. */
    FILE,
    /** open, SET_SIZE, mmap shared rw of the whole region, kept (writes go through it). */
    MAPPED
}
