#!/bin/bash
# Installs the Python package with pip, offline and without build isolation (Debian's setuptools
# and protoc), into a scratch directory, and uses it there.
# Usage: pip_install_test.sh PYTHON PACKAGE_DIR TARGET_DIR LIBRARY
set -euo pipefail
python=$1 package=$2 target=$3 library=$4
rm -rf "$target"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$package" "$work/python"   # pip builds in the tree: keep the source tree clean
mkdir -p "$work/proto" && cp -r "$package/../../proto/kefu" "$work/proto/"
mkdir -p "$work/bindings" && mv "$work/python" "$work/bindings/python"
PIP_NO_INDEX=1 "$python" -m pip install --quiet --no-build-isolation --no-deps --target "$target" \
  "$work/bindings/python"
cd "$work"
PYTHONPATH=$target KEFU_LIBRARY=$library "$python" -c '
import datetime, kefu
from kefu.v1 import patient_pb2
assert kefu.Cadence.builtin("standard").next(datetime.date(2026, 1, 31), datetime.date(2026, 11, 23)).seq == 7
with kefu.open(":memory:") as a, a.session("pip") as s:
    assert s.create_patient(mrn="P1", name="x").id == 1
print("pip-installed kefu", kefu.__version__, "works")
'
