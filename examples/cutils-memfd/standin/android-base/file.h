// Stand-in for libbase's ReadFileToString (ashmem-dev.cpp reads /proc/sys/kernel/random/boot_id with it).
#pragma once
#include <string>
#include <fstream>
#include <sstream>
namespace android { namespace base {
inline bool ReadFileToString(const std::string& path, std::string* content) {
    std::ifstream in(path);
    if (!in) return false;
    std::stringstream ss; ss << in.rdbuf(); *content = ss.str(); return true;
}
} }
