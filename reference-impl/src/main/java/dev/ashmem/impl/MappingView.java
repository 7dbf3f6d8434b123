package dev.ashmem.impl;

import java.lang.foreign.MemorySegment;

/**
 * A live mapping's memory as a caller may touch it (the part its file backs), with the prot and
 * sharing it had when taken. The segment has the global scope: stop using it before munmap or mprotect.
 */
public record MappingView(MemorySegment segment, int prot, boolean shared) {
}
