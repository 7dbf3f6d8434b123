// bionic has strlcpy; older glibc does not (used only on ashmem-dev.cpp's /dev/ashmem path).
#pragma once
#include <string.h>
#ifdef __cplusplus
extern "C"
#endif
size_t strlcpy(char* dst, const char* src, size_t size);
