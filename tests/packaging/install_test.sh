#!/bin/bash
# Installs the build tree into a scratch prefix, then builds and runs a consumer against it
# twice: with CMake's find_package(kefu CONFIG) and with pkg-config.
# Usage: install_test.sh BUILD_DIR CONSUMER_SOURCE_DIR SCRATCH_DIR C_COMPILER
set -euo pipefail
build=$1 consumer=$2 scratch=$3 cc=$4
rm -rf "$scratch"
prefix=$scratch/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null

for f in include/kefu/kefu.h share/kefu/proto/kefu/v1/cadence.proto; do
  [[ -f $prefix/$f ]] || { echo "not installed: $f"; exit 1; }
done
lib=$(find "$prefix" -name 'libkefu.so.1' | head -n 1)
[[ -n $lib ]] || { echo "libkefu.so.1 not installed"; exit 1; }
libdir=$(dirname "$lib")
if find "$prefix/include" -name '*.hpp' | grep -q .; then
  echo "private C++ headers were installed"; exit 1
fi

echo "== find_package(kefu CONFIG)"
cmake -S "$consumer" -B "$scratch/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_C_COMPILER="$cc" >/dev/null
cmake --build "$scratch/cmake-build" >/dev/null
LD_LIBRARY_PATH=$libdir "$scratch/cmake-build/consumer"

echo "== pkg-config"
export PKG_CONFIG_PATH=$libdir/pkgconfig
[[ $(pkg-config --modversion kefu) == 0.6.0 ]] || { echo "wrong pkg-config version"; exit 1; }
# shellcheck disable=SC2046  # the flags are meant to split
"$cc" -std=c11 -Wall -Werror "$consumer/main.c" -o "$scratch/pc-consumer" \
  $(pkg-config --cflags --libs kefu)
LD_LIBRARY_PATH=$libdir "$scratch/pc-consumer"
echo "installed tree OK"
