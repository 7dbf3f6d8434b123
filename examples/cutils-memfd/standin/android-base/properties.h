// Stand-in for Android's property service: a device with memfd switched on (ro.treble.enabled and
// sys.use_memfd true). Nothing else is asked for by ashmem-dev.cpp.
#pragma once
#include <string>
#include <string.h>
namespace android { namespace base {
inline bool GetBoolProperty(const std::string& key, bool default_value) {
    if (key == "ro.treble.enabled" || key == "sys.use_memfd") return true;
    return default_value;
}
} }
