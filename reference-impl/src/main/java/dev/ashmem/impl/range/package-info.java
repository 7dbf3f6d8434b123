/**
 * Unpinned ranges: each area's ordered index (a sorted array, a tree above 64 ranges) giving O(log n)
 * PIN, UNPIN and GET_PIN_STATUS that replay the driver's linear walks exactly, and the global LRU as an
 * intrusive list.
 */
package dev.ashmem.impl.range;
