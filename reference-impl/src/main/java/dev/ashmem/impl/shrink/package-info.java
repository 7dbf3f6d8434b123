/** The shrinker's automatic mode: a background purger with a page budget and memory-pressure signals. */
package dev.ashmem.impl.shrink;
