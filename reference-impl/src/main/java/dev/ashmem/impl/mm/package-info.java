/** Real mappings of the backing file or of anonymous memory, never touched outside what backs them. */
package dev.ashmem.impl.mm;
