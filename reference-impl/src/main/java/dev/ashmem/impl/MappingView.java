package dev.ashmem.impl;

import java.lang.foreign.MemorySegment;

/**
 * A live mapping's memory as a caller may touch it (the part its file backs), with the prot and
 * sharing it had when taken. The segment's scope closes at the mapping's next mprotect, its munmap or
 * the device's close: a late access throws IllegalStateException and never touches the memory.
 */
public record MappingView(MemorySegment segment, int prot, boolean shared) {
}
