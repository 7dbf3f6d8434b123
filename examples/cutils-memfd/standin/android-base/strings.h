// Stand-in for libbase's Trim.
#pragma once
#include <string>
namespace android { namespace base {
inline std::string Trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}
} }
