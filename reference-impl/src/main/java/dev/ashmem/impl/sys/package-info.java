/** libc bindings through the Foreign Function &amp; Memory API, errno captured by the linker. */
package dev.ashmem.impl.sys;
