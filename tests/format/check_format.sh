#!/bin/bash
# Fails naming each C or C++ file of src/, tests/ and bench/ that clang-format (with the tree's
# .clang-format) would change. Fix with: clang-format -i FILE. kefu.h is left as written.
# Usage: tests/format/check_format.sh CLANG_FORMAT   (from the source tree's root)
set -euo pipefail
clang_format=$1
mapfile -t files < <(find src tests bench -type f \( -name '*.cc' -o -name '*.hpp' -o -name '*.h' \
  -o -name '*.c' \) -not -path '*/corpus/*' -not -path '*/regressions/*' | sort)
bad=0
for f in "${files[@]}"; do
  if ! "$clang_format" --style=file "$f" | cmp -s - "$f"; then
    echo "not formatted: $f (clang-format -i $f)"
    bad=$((bad + 1))
  fi
done
echo "${#files[@]} files checked, $bad not formatted"
(( bad == 0 ))
