#!/usr/bin/python3
"""Sets two runs of the benchmark suite side by side: every figure of BEFORE's and AFTER's JSON
(the results directories `bench/run.sh` leaves), the ratio after/before, and which figures moved
by more than the noise of this shared machine (±20 %, see bench/RESULTS.md).

    /usr/bin/python3 bench/compare.py BEFORE_RESULTS AFTER_RESULTS
"""
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report import WORKLOADS, human, parse  # noqa: E402

NOISE = 0.20


def figures(directory):
    runs = parse(sorted(glob.glob(os.path.join(directory, "*.json"))))
    out = {}
    for r in runs:
        basis = WORKLOADS.get(r["workload"], (None, "item", None))[1]
        out[(r["workload"], r["approach"], r["size"])] = r["item_ns" if basis == "item" else "run_ns"]
    return out


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    before, after = figures(argv[1]), figures(argv[2])
    print("| workload | approach | size | before | after | after/before |")
    print("|---|---|--:|--:|--:|--:|")
    moved = []
    for key in sorted(before.keys() & after.keys()):
        ratio = after[key] / before[key]
        mark = ""
        if abs(ratio - 1) > NOISE:
            mark = " **slower**" if ratio > 1 else " **faster**"
            moved.append(key)
        print("| %s | %s | %s | %s | %s | %.2f×%s |" % (key[0], key[1], f"{key[2]:,}",
                                                        human(before[key]), human(after[key]),
                                                        ratio, mark))
    print()
    print(f"{len(before.keys() & after.keys())} figures in both runs; {len(moved)} moved by more "
          f"than ±{NOISE:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
