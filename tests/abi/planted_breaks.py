#!/usr/bin/python3
"""The ABI check sees every break: it is run on libraries with planted breaks and must fail on
each, and pass on an unchanged library and on one that only grows.

    planted_breaks.py CHECK_ABI_SH KEFU_H VERSION_SCRIPT CC

A stand-in libkefu.so.1 is compiled (with debug information, as the check requires) from kefu.h:
every function it declares gets a trivial body; the opaque handles get a body of their own, as
the real library's C++ core gives them. Its ABI is recorded with check_abi.sh --record, as the
repository's baseline is. Then each variant — kefu.h edited as a careless change would edit it —
is compiled and checked against that baseline.
"""
import pathlib
import re
import subprocess
import sys
import tempfile

DECLARATION = re.compile(r"KEFU_API\s+([^;(]*?)\s*\b(kefu_\w+)\s*\(([^;]*?)\)\s*;", re.S)

# What each variant does to kefu.h, and whether the check must refuse it.
VARIANTS = [
    ("unchanged", lambda h: h, True),
    ("an added function", lambda h: h.replace(
        "KEFU_API void kefu_buffer_free(kefu_buffer* b);",
        "KEFU_API void kefu_buffer_free(kefu_buffer* b);\nKEFU_API int kefu_new_thing(int x);"), True),
    ("swapped parameters", lambda h: h.replace(
        "kefu_session_open(kefu_db* db, const char* actor, kefu_session** out)",
        "kefu_session_open(const char* actor, kefu_db* db, kefu_session** out)"), False),
    ("a changed enum value", lambda h: h.replace(
        "KEFU_ERR_NOT_FOUND = 2,", "KEFU_ERR_NOT_FOUND = 12,"), False),
    ("a changed struct size", lambda h: h.replace(
        "  int32_t reserved;\n} kefu_window;", "  int32_t reserved;\n  int64_t extra;\n} kefu_window;"), False),
    ("a removed function", lambda h: h.replace(
        "KEFU_API void kefu_buffer_free(kefu_buffer* b);", ""), False),
    ("a changed return type", lambda h: h.replace(
        "KEFU_API int kefu_abi_version(void);", "KEFU_API long kefu_abi_version(void);"), False),
]


def stub(header):
    """A C file defining every function the header declares, and the opaque handles."""
    lines = ['#include "kefu.h"',
             "struct kefu_cadence { int inside; };",
             "struct kefu_db { int inside; };",
             "struct kefu_session { int inside; };",
             "struct kefu_cadence kefu_stub_cadence; struct kefu_db kefu_stub_db;",
             "struct kefu_session kefu_stub_session;"]
    for returns, name, parameters in DECLARATION.findall(header):
        returns = " ".join(returns.split())
        body = "" if returns == "void" else f"return ({returns})0;"
        lines.append(f"{returns} {name}({' '.join(parameters.split())}) {{ {body} }}")
    return "\n".join(lines) + "\n"


def build(directory, header, cc, version_script):
    directory.mkdir()
    (directory / "kefu.h").write_text(header, encoding="utf-8")
    (directory / "stub.c").write_text(stub(header), encoding="utf-8")
    library = directory / "libkefu.so.1"
    subprocess.run([cc, "-g", "-O0", "-shared", "-fPIC", "-fvisibility=hidden", "-w",
                    "-DKEFU_BUILDING_LIBRARY", f"-I{directory}", str(directory / "stub.c"),
                    f"-Wl,--version-script={version_script}", "-Wl,-soname,libkefu.so.1",
                    "-o", str(library)], check=True)
    return library


def main(check, kefu_h, version_script, cc):
    header = pathlib.Path(kefu_h).read_text(encoding="utf-8")
    failures = 0
    with tempfile.TemporaryDirectory(prefix="kefu-abi-") as scratch:
        scratch = pathlib.Path(scratch)
        baseline = scratch / "baseline.abi"
        original = build(scratch / "original", header, cc, version_script)
        subprocess.run(["bash", check, "--record", str(original), str(baseline)], check=True,
                       capture_output=True)
        for number, (what, edit, compatible) in enumerate(VARIANTS):
            variant = edit(header)
            if what != "unchanged" and variant == header:
                print(f"FAIL {what}: the edit no longer applies to kefu.h (update this test)")
                failures += 1
                continue
            library = build(scratch / f"variant{number}", variant, cc, version_script)
            run = subprocess.run(["bash", check, str(library), str(baseline)], capture_output=True, text=True)
            passed = run.returncode == 0
            if passed != compatible:
                failures += 1
                print(f"FAIL {what}: the check {'passed' if passed else 'failed'}; it must "
                      f"{'pass' if compatible else 'fail'}\n{run.stdout[-1500:]}{run.stderr[-500:]}")
            else:
                print(f"ok   {what}: the check {'passes' if passed else 'fails'}")
    if failures:
        sys.exit(f"{failures} planted ABI breaks were not caught as they should be")
    print("the ABI check catches every planted break")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
