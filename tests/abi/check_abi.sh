#!/bin/bash
# Compares the ABI of a built libkefu.so with the baseline recorded in the repository
# (libabigail). An incompatible change fails; an addition passes, with a note to record it.
# Usage: check_abi.sh LIBRARY BASELINE
#        check_abi.sh --record LIBRARY BASELINE   (what the kefu_abi_baseline target runs)
set -uo pipefail
record=0
if [[ $1 == --record ]]; then record=1; shift; fi
library=$1 baseline=$2
here=$(cd "$(dirname "$0")" && pwd)
command -v abidiff >/dev/null || { echo "abidiff not found (Debian package abigail-tools)"; exit 1; }
# Only what kefu.h promises: the exported functions and the types they reach. The handles that
# kefu.h declares without a body (kefu_db, ...) are kept as opaque declarations — their place in
# every signature is checked — while what they hold inside (the C++ core, defined nowhere in the
# headers) is left out (--drop-private-types). Needs a library with debug information: without
# it, enum values and struct layouts are invisible.
# Source paths are written relative to the repository, so that the recorded file names no machine.
root=$(cd "$here/../.." && pwd)
dump() {
  abidw --no-corpus-path --exported-interfaces-only --headers-dir "$root/include/kefu" \
    --drop-private-types --no-show-locs --suppressions "$here/opaque.suppr" --out-file "$1" \
    "$library" || return 1
  sed -i -e "s|path='$root/|path='|g" -e "s|comp-dir-path='[^']*'|comp-dir-path='.'|g" "$1"
}
sections=$(readelf -S "$library" 2>/dev/null)
if [[ $sections != *.debug_info* ]]; then
  echo "$library has no debug information: the ABI check cannot see enum values or struct sizes"
  echo "(build with -g, e.g. the default RelWithDebInfo)"
  exit 1
fi
if (( record )); then
  dump "$baseline" && echo "recorded the ABI of $library in $baseline" && exit 0
  exit 1
fi
[[ -f $baseline ]] || { echo "no ABI baseline at $baseline"; exit 1; }
current=$(mktemp)
trap 'rm -f "$current"' EXIT
dump "$current" || { echo "abidw failed"; exit 1; }
suppress=(--suppressions "$here/opaque.suppr")
abidiff "${suppress[@]}" --no-added-syms "$baseline" "$current" >/dev/null
quiet=$?
abidiff "${suppress[@]}" "$baseline" "$current"
rc=$?
if (( rc & 8 )); then
  echo "INCOMPATIBLE ABI CHANGE against $baseline: kefu.h only grows; add a new function instead"
  exit 1
fi
if (( rc & 3 )); then
  echo "abidiff could not compare (exit $rc)"
  exit 1
fi
# libabigail marks only some breaks as incompatible (a removed function); a struct that changed
# size is "a change". kefu.h may only grow, so any change but an addition fails.
if (( quiet & 4 )); then
  echo "ABI CHANGE against $baseline that is not an addition: kefu.h only grows"
  exit 1
fi
if (( rc & 4 )); then
  echo "the ABI grew (compatible); record the addition deliberately: cmake --build <build> --target kefu_abi_baseline"
fi
echo "ABI compatible with $baseline"
