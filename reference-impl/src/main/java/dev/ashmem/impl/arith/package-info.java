/** C's unsigned 64-bit and u32 arithmetic on Java longs (spec ARITH-U64). */
package dev.ashmem.impl.arith;
