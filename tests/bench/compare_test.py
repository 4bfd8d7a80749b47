#!/usr/bin/python3
"""bench/compare.py on two made-up runs: a figure twice as slow is flagged, one within the noise
is not, a figure in one run only is left out, and the summary counts what moved."""
import json
import os
import subprocess
import sys
import tempfile

COMPARE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench",
                       "compare.py")


def write_run(directory, figures):
    os.makedirs(directory)
    benchmarks = [{"name": name, "run_name": name, "run_type": "iteration", "real_time": ns,
                   "time_unit": "ns", "items_per_second": 1e9 / ns}
                  for name, ns in figures.items()]
    with open(os.path.join(directory, "suite.json"), "w") as f:
        json.dump({"benchmarks": benchmarks}, f)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        before, after = os.path.join(tmp, "before"), os.path.join(tmp, "after")
        write_run(before, {"Q1_next/kefu_batch/1000": 10.0, "Bulk_import/full/1000": 40000.0,
                           "Empty_call/binary/1": 500.0})
        write_run(after, {"Q1_next/kefu_batch/1000": 20.0, "Bulk_import/full/1000": 42000.0})
        out = subprocess.run([sys.executable, COMPARE, before, after], check=True,
                             capture_output=True, text=True).stdout
    print(out)
    lines = out.splitlines()
    slower = [l for l in lines if l.startswith("| Q1_next | kefu_batch | 1,000 |")]
    steady = [l for l in lines if l.startswith("| Bulk_import | full | 1,000 |")]
    problems = []
    if len(slower) != 1 or "2.00× **slower**" not in slower[0]:
        problems.append("the doubled figure is not flagged slower: %s" % slower)
    if len(steady) != 1 or "1.05×" not in steady[0] or "**" in steady[0]:
        problems.append("the figure within the noise is flagged or missing: %s" % steady)
    if any("Empty_call" in l for l in lines):
        problems.append("a figure of one run only is listed")
    if "2 figures in both runs; 1 moved by more than ±20%" not in out:
        problems.append("the summary is wrong")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
