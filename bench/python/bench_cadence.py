#!/usr/bin/python3
"""Q1 and Q3 from Python: the next follow-up window of every patient (Q1) and the first 20
windows of each (Q3), for the standard cadence, in pure Python with python-dateutil (what a
Python developer would write) and through kefu's bindings, on the same anchors. Answers are
checked against each other; a disagreement fails the run.

    PYTHONPATH=build/python /usr/bin/python3 bench/python/bench_cadence.py [--anchors N]
        [--dateutil-anchors M] [--json OUT]

Prints a table, and with --json writes the figures in Google Benchmark's JSON layout so that
bench/report.py can put them beside the C++ figures. Needs no pytest: Debian's python3-dateutil
and kefu's package only.
"""
import argparse
import array
import datetime
import json
import random
import sys
import time

from dateutil.relativedelta import relativedelta

import kefu

TODAY = datetime.date(2026, 11, 23)
STEP_DAYS = (7, 21, 42, 70)  # the standard policy: weeks 1, 3, 6 and 10, then every 3 months
WINDOWS = 20


def anchors_for(n):
    """Discharge days spread uniformly over the five years before TODAY, as kefu's C++
    benchmarks draw them (their own generator, the same distribution)."""
    rng = random.Random(42)
    first = datetime.date(2021, 11, 23).toordinal()
    return [datetime.date.fromordinal(rng.randint(first, TODAY.toordinal())) for _ in range(n)]


def dateutil_next(anchor, today):
    for days in STEP_DAYS:
        due = anchor + datetime.timedelta(days=days)
        if due >= today:
            return due
    base = anchor + datetime.timedelta(days=70)
    r = 1
    while True:  # relativedelta clamps to the month's end, from the base each time: no drift
        due = base + relativedelta(months=3 * r)
        if due >= today:
            return due
        r += 1


def dateutil_expand(anchor):
    out = [anchor + datetime.timedelta(days=days) for days in STEP_DAYS]
    base = anchor + datetime.timedelta(days=70)
    out += [base + relativedelta(months=3 * r) for r in range(1, WINDOWS - len(STEP_DAYS) + 1)]
    return out


def best_of(repeats, function, number=1):
    """The fastest of `repeats` runs of `number` calls each, in seconds per call (as timeit
    does: fast calls are timed in groups, so that the first touch of a fresh result buffer
    does not dominate), and the last result."""
    best, result = None, None
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            result = function()
        elapsed = (time.perf_counter() - start) / number
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--anchors", type=int, default=100000)
    parser.add_argument("--dateutil-anchors", type=int, default=20000,
                        help="the first M anchors for dateutil, whose per-anchor cost is flat")
    parser.add_argument("--json", help="write the figures here (Google Benchmark's layout)")
    args = parser.parse_args()

    anchors = anchors_for(args.anchors)
    slow = anchors[: min(args.dateutil_anchors, len(anchors))]
    days = array.array("i", (kefu.to_day(a) for a in anchors))
    standard = kefu.Cadence.builtin("standard")

    rows = []  # (name, anchors, seconds)

    seconds, batch = best_of(5, lambda: standard.next_many(days, TODAY), number=10)
    rows.append(("Q1_next/python_kefu_next_many", len(anchors), seconds))
    seconds, _ = best_of(3, lambda: [standard.next(a, TODAY) for a in anchors])
    rows.append(("Q1_next/python_kefu_per_anchor", len(anchors), seconds))
    seconds, by_dateutil = best_of(1, lambda: [dateutil_next(a, TODAY) for a in slow])
    rows.append(("Q1_next/python_dateutil", len(slow), seconds))
    due = batch.due_days()
    for i, expected in enumerate(by_dateutil):
        if kefu.from_day(due[i]) != expected:
            sys.exit("Q1 disagrees for anchor %s: kefu %s, dateutil %s"
                     % (anchors[i], kefu.from_day(due[i]), expected))

    seconds, expanded = best_of(3, lambda: [standard.expand(a, WINDOWS) for a in anchors])
    rows.append(("Q3_expand20/python_kefu", len(anchors), seconds))
    seconds, by_dateutil = best_of(1, lambda: [dateutil_expand(a) for a in slow])
    rows.append(("Q3_expand20/python_dateutil", len(slow), seconds))
    for i, expected in enumerate(by_dateutil):
        if [w.due for w in expanded[i]] != expected:
            sys.exit("Q3 disagrees for anchor %s" % anchors[i])

    print("%-34s %10s %14s" % ("benchmark", "anchors", "ns/anchor"))
    for name, n, seconds in rows:
        print("%-34s %10d %14.1f" % (name, n, seconds / n * 1e9))
    if args.json:
        report = {"context": {"executable": "bench/python/bench_cadence.py",
                              "date": datetime.datetime.now().isoformat(timespec="seconds")},
                  "benchmarks": [{"name": "%s/%d" % (name, n), "run_type": "iteration",
                                  "iterations": 1, "real_time": seconds * 1e9,
                                  "cpu_time": seconds * 1e9, "time_unit": "ns",
                                  "items_per_second": n / seconds}
                                 for name, n, seconds in rows]}
        with open(args.json, "w") as out:
            json.dump(report, out, indent=1)


if __name__ == "__main__":
    main()
