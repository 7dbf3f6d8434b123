// Stand-in for liblog: messages go to stderr (the adapter's stdout is the protocol).
#pragma once
#include <stdio.h>
#include <stdlib.h>
#ifndef LOG_TAG
#define LOG_TAG "?"
#endif
#define ALOGE(fmt, ...) fprintf(stderr, "E " LOG_TAG ": " fmt "\n", ##__VA_ARGS__)
#define ALOGD(fmt, ...) fprintf(stderr, "D " LOG_TAG ": " fmt "\n", ##__VA_ARGS__)
#define LOG_ALWAYS_FATAL(fmt, ...) (fprintf(stderr, "F " LOG_TAG ": " fmt "\n", ##__VA_ARGS__), abort())
