#!/bin/sh
# Builds cutils-memfd-adapter against libcutils' ashmem-dev.cpp from an AOSP platform/system/core
# checkout (its git directory or work tree), at the revision the profile was read from.
# Usage: examples/cutils-memfd/build.sh SYSTEM_CORE [OUT_DIR]     (OUT_DIR default: ./cutils-memfd-build)
set -eu
core=${1:?usage: build.sh SYSTEM_CORE [OUT_DIR]}
out=${2:-cutils-memfd-build}
rev=2a760959c48682245c1236219f2e0dbc1c0377a5   # system/core, 2025-01-07 (spec 10.1)
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out/include/cutils"
git -C "$core" show "$rev:libcutils/ashmem-dev.cpp" > "$out/ashmem-dev.cpp"
git -C "$core" show "$rev:libcutils/include/cutils/ashmem.h" > "$out/include/cutils/ashmem.h"
g++ -std=c++17 -O2 -D_GNU_SOURCE -include "$here/standin/bionic_compat.h" -I"$here/standin" -I"$out/include" \
    -c "$out/ashmem-dev.cpp" -o "$out/ashmem-dev.o"
cc -O2 -c "$here/standin/bionic_compat.c" -o "$out/bionic_compat.o"
ar rcs "$out/libcutils-ashmem.a" "$out/ashmem-dev.o" "$out/bionic_compat.o"
cc -std=c11 -O2 -Wall -I"$out/include" -o "$out/cutils-memfd-adapter" "$here/cutils_memfd_adapter.c" \
    "$out/libcutils-ashmem.a" -lstdc++
echo "$out/cutils-memfd-adapter"
