package dev.ashmem.model;

/**
 * A live mapping: the area whose file it maps, length in bytes (a multiple of P), offset, current
 * prot, the "may" rights fixed at mmap time, and shared or private.
 */
public record MappingSnapshot(int id, int area, long length, long offset, int prot, int mayProt, boolean shared) {
    @Override
    public String toString() {
        return "map " + id + " area " + area + " len=" + length + " off=" + offset + " prot=" + Prot.format(prot)
                + " may=" + Prot.format(mayProt) + (shared ? " shared" : " private");
    }
}
