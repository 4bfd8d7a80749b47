#!/usr/bin/python3
"""Every code block of the README runs as written.

    readme_test.py README.md BUILD_DIR

Blocks run in order, in one scratch directory (so that a later block finds the files an earlier
one made), with the build's `kefu` first on PATH and its library and Python package found:
  - ```sh: run with bash -euo pipefail;
  - ```c: compiled as a program against the build's installed tree (cmake --install into the
    scratch directory) and run; the last one is kept as his.c for the linking blocks;
  - ```cmake: a consumer's CMakeLists.txt, configured and built against the installed tree;
  - ```python: run with /usr/bin/python3;
  - untagged transcripts ("$ command" lines followed by their output): the commands run and
    print exactly the lines shown.
Other untagged blocks are sample output or layout, not code. A block preceded by
"<!-- readme-test: skip: REASON -->" is not run; the reason is printed, and the two quick-start
commands are checked otherwise: the test command is .ci/run's, verbatim, and the demo command
installs no package the test command does not.
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.M | re.S)
SKIP = re.compile(r"<!-- readme-test: skip: (.*?) -->\s*$")


def blocks(readme):
    for match in FENCE.finditer(readme):
        before = readme[:match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        skip = SKIP.match(before)
        line = readme.count("\n", 0, match.start()) + 1
        yield line, match.group(1), match.group(2), skip.group(1) if skip else None


def run(command, cwd, env, what, stdin=None):
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, input=stdin)
    if result.returncode != 0:
        sys.exit(f"FAIL {what}: exit {result.returncode}\n--- stdout\n{result.stdout[-3000:]}\n"
                 f"--- stderr\n{result.stderr[-3000:]}")
    return result.stdout


def packages(command):
    return set(command.split("--no-install-recommends", 1)[1].split("&&", 1)[0].split())


def check_quick_start(readme, source):
    commands = [body.strip() for _, lang, body, _ in blocks(readme) if body.startswith("apt-get")]
    if len(commands) != 2:
        sys.exit(f"FAIL quick start: expected two apt-get commands, found {len(commands)}")
    demo, tests = commands
    ci = (source / ".ci" / "run").read_text(encoding="utf-8")
    if tests not in ci:
        sys.exit("FAIL quick start: the test command is not .ci/run's, verbatim")
    missing = packages(demo) - packages(tests)
    if missing:
        sys.exit(f"FAIL quick start: the demo command installs {sorted(missing)}, which the test "
                 "command (and so CI) never does")
    print("ok   quick start: the test command is .ci/run's; the demo's packages are among its")


def transcript(body, scratch, env, line):
    """"$ command" lines and the output they must print, run in one shell."""
    script, expected = [], []
    for text in body.splitlines():
        if text.startswith("$ "):
            script.append(text[2:])
        else:
            expected.append(text)
    result = subprocess.run(["bash", "-c", "\n".join(script)], cwd=scratch, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    printed = result.stdout.splitlines()
    if printed != expected:
        sys.exit(f"FAIL README line {line}: printed\n" + "\n".join(printed) +
                 "\ninstead of\n" + "\n".join(expected))


def main(readme_path, build):
    readme_path, build = pathlib.Path(readme_path).resolve(), pathlib.Path(build).resolve()
    source = readme_path.parent
    readme = readme_path.read_text(encoding="utf-8")
    check_quick_start(readme, source)
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="kefu-readme-"))
    try:
        prefix = scratch / "prefix"
        run(["cmake", "--install", str(build), "--prefix", str(prefix)], scratch, None, "cmake --install")
        (scratch / "tests").symlink_to(source / "tests")
        libdir = next(p.parent for p in prefix.rglob("libkefu.so.1"))
        env = dict(os.environ,
                   PATH=f"{build / 'src' / 'cli'}:{os.environ.get('PATH', '/usr/bin:/bin')}",
                   KEFU_LIBRARY=str(build / "src" / "libkefu.so.1"),
                   PYTHONPATH=str(build / "python"),
                   PKG_CONFIG_PATH=str(libdir / "pkgconfig"),
                   CMAKE_PREFIX_PATH=str(prefix),
                   LD_LIBRARY_PATH=str(libdir))
        ran = 0
        for line, lang, body, skip in blocks(readme):
            where = f"README line {line} ({lang or 'transcript'})"
            if skip:
                print(f"skip {where}: {skip}")
                continue
            if lang == "sh":
                run(["bash", "-euo", "pipefail", "-c", body], scratch, env, where)
            elif lang == "c":
                (scratch / "his.c").write_text(body, encoding="utf-8")
                run(["cc", "-std=c11", "-Wall", "-Werror", "his.c", f"-I{prefix / 'include'}",
                     f"-L{libdir}", "-lkefu", f"-Wl,-rpath,{libdir}", "-o", "block"], scratch, env, where)
                run(["./block"], scratch, env, where)
            elif lang == "cmake":
                consumer = scratch / "consumer"
                consumer.mkdir(exist_ok=True)
                (consumer / "CMakeLists.txt").write_text(body, encoding="utf-8")
                shutil.copy(scratch / "his.c", consumer / "his.c")
                run(["cmake", "-S", str(consumer), "-B", str(consumer / "build")], scratch, env, where)
                run(["cmake", "--build", str(consumer / "build")], scratch, env, where)
                run([str(consumer / "build" / "his")], scratch, env, where)
            elif lang == "python":
                run(["/usr/bin/python3", "-"], scratch, env, where, stdin=body)
            elif not lang and body.startswith("$ "):
                transcript(body, scratch, env, line)
            else:
                continue  # sample output, a layout, a usage summary
            ran += 1
            print(f"ok   {where}")
        print(f"all {ran} README code blocks ran")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
