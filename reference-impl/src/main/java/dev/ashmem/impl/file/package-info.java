/** The backing file of an area: a memfd, its write seal, hole punches and the data/hole page view. */
package dev.ashmem.impl.file;
