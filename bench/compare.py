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
# For each workload, an alternative in the same binary that no change of kefu's touches: kefu's
# figure divided by it, before and after, cancels what the machine did in between (another job
# slowing every figure of one run).
BASELINES = {"Q1_next": "hand_table", "Q3_expand20": "boost_loop", "Q2_worklist": "day_buckets",
             "Bulk_import": "sqlite_same_rows", "Q1_boundary": "typed"}


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
    print()
    print("Against a baseline of the same run that kefu's changes do not touch:")
    print()
    print("| workload | approach | size | before, vs baseline | after, vs baseline | change |")
    print("|---|---|--:|--:|--:|--:|")
    for key in sorted(before.keys() & after.keys()):
        workload, approach, size = key
        base = (workload, BASELINES.get(workload), size)
        if approach == base[1] or base not in before or base not in after:
            continue
        ratio_before, ratio_after = before[key] / before[base], after[key] / after[base]
        print("| %s | %s | %s | %.2f× %s | %.2f× | %.2f× |" % (
            workload, approach, f"{size:,}", ratio_before, base[1], ratio_after,
            ratio_after / ratio_before))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
