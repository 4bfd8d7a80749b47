#!/usr/bin/python3
"""Turns the benchmark suite's JSON (Google Benchmark's layout, one file per suite) into the
markdown table of bench/RESULTS.md: each workload and size, kefu's figure, every alternative's,
and the ratio to kefu's reference; then the targets of issue 7 and where kefu stands.

    /usr/bin/python3 bench/report.py RESULTS/*.json
"""
import json
import re
import sys

# For each workload: the approach the others are compared with (kefu's own path), whether its
# figure is per item (anchor, plan, discharge, call) or per run of the benchmark, and a title.
WORKLOADS = {
    "Q1_next": ("kefu_batch", "item", "Q1: next due window, per anchor"),
    "Q3_expand20": ("kefu", "item", "Q3: first 20 windows, per anchor"),
    "Q2_worklist": ("kefu_due_index", "run", "Q2: the day's due tasks (lookup), per worklist"),
    "Worklist_full": ("kefu", "run", "The full worklist with case context, per worklist"),
    "Discharge_per_call": ("full", "item", "Discharges, one per call (file archive), per call"),
    "Bulk_import": ("full", "item", "Bulk import of discharges with their plans, per discharge"),
    "Record_outcome": ("full", "item", "Call outcomes recorded, per call"),
    "Empty_call": ("binary", "item", "The boundary: an (almost) empty kefu_call"),
    "Q1_boundary": ("typed", "item", "The boundary: Q1 through kefu_call, per anchor"),
    "Contention": ("desk-0", "run", "Writer processes on one archive: calls and latency per writer"),
    "Csv_import": ("kefu_cli", "run", "CSV import (`kefu import`), patients + discharges: time and peak memory"),
}
COUNTERS = ("differs_pct", "bytes_per_plan", "due", "call_ms", "p50_us", "p99_us", "peak_rss_mb",
            "csv_mb", "rows_per_s", "calls", "p50_ms", "p99_ms", "max_ms")


def parse(paths):
    runs = []
    for path in paths:
        with open(path) as f:
            data = json.load(f)
        benchmarks = data.get("benchmarks", [])
        # A benchmark run with repetitions stands for its median (its single runs are left out).
        medians = {b["run_name"] for b in benchmarks
                   if b.get("run_type") == "aggregate" and b.get("aggregate_name") == "median"}
        for b in benchmarks:
            if b.get("error_occurred"):
                continue
            if b.get("run_type") == "aggregate":
                if b.get("aggregate_name") != "median":
                    continue
            elif b.get("run_name", b["name"]) in medians:
                continue
            parts = [p for p in b.get("run_name", b["name"]).split("/")
                     if not p.startswith("iterations:") and p not in ("real_time", "manual_time")]
            workload, approach, size = parts[0], parts[1], int(parts[2]) if len(parts) > 2 else 1
            scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[b.get("time_unit", "ns")]
            run_ns = b["real_time"] * scale
            per_item = 1e9 / b["items_per_second"] if b.get("items_per_second") else run_ns
            runs.append({"workload": workload, "approach": approach, "size": size,
                         "run_ns": run_ns, "item_ns": per_item,
                         "counters": {k: b[k] for k in COUNTERS if k in b}})
    return runs


def human(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return "%.3g %s" % (ns / scale, unit)
    return "%.3g ns" % ns


def table(runs):
    lines = []
    for workload, (reference, basis, title) in WORKLOADS.items():
        mine = [r for r in runs if r["workload"] == workload]
        if not mine:
            continue
        lines += ["", "### " + title, "",
                  "| size | approach | %s | vs %s | notes |" %
                  ("per item" if basis == "item" else "per run", reference),
                  "|--:|---|--:|--:|---|"]
        for size in sorted({r["size"] for r in mine}):
            group = [r for r in mine if r["size"] == size]
            key = "item_ns" if basis == "item" else "run_ns"
            ref = next((r for r in group if r["approach"] == reference), None)
            # Without a reference run of this size (the Python script's samples), the per-item
            # figure of the nearest size stands in, marked with "~".
            near = ref or min((r for r in mine if r["approach"] == reference),
                              key=lambda r: abs(r["size"] - size), default=None)
            for r in sorted(group, key=lambda r: (r["approach"] != reference, r[key])):
                ratio = ""
                if ref:
                    ratio = "%.2f×" % (r[key] / ref[key])
                elif near and basis == "item":
                    ratio = "~%.3g×" % (r[key] / near[key])
                notes = ", ".join("%s %s" % (k, ("%.3g" % v)) for k, v in r["counters"].items())
                lines.append("| %s | %s | %s | %s | %s |" %
                             ("{:,}".format(size), r["approach"], human(r[key]), ratio, notes))
    return lines


def find(runs, workload, approach, size):
    for r in runs:
        if (r["workload"], r["approach"], r["size"]) == (workload, approach, size):
            return r
    return None


def targets(runs):
    """Issue 7's targets, each with kefu's figure and whether it is met."""
    rows = []

    def check(name, value, text, met):
        rows.append("| %s | %s | %s |" % (name, text if value is not None else "not measured",
                                          ("met" if met else "**missed**") if value is not None
                                          else ""))

    batch = find(runs, "Q1_next", "kefu_batch", 1000000)
    table_loop = find(runs, "Q1_next", "hand_table", 1000000)
    if batch and table_loop:
        ratio = batch["item_ns"] / table_loop["item_ns"]
        check("batch next due ≤ 20 ns/anchor at 10^6, within 1.2× of the month-table loop",
              ratio, "%.1f ns, %.2f× the loop" % (batch["item_ns"], ratio),
              batch["item_ns"] <= 20 and ratio <= 1.2)
    per = find(runs, "Q1_next", "kefu_per_anchor", 1000000)
    if per:
        check("kefu_cadence_next ≤ 60 ns", per, "%.1f ns" % per["item_ns"], per["item_ns"] <= 60)
    due = find(runs, "Q2_worklist", "kefu_due_index", 1000000)
    buckets = find(runs, "Q2_worklist", "day_buckets", 1000000)
    covering = find(runs, "Q2_worklist", "sqlite_covering_index", 1000000)
    if due and buckets and covering:
        a, b = due["run_ns"] / buckets["run_ns"], covering["run_ns"] / due["run_ns"]
        check("worklist lookup at 10^6 plans within 2× of day buckets, ≥ 10× faster than "
              "SQLite's covering index", a, "%.2f× the buckets, %.0f× faster than SQLite" % (a, b),
              a <= 2 and b >= 10)
        bytes_per_plan = due["counters"].get("bytes_per_plan")
        check("≤ 64 bytes per active plan in the due index", bytes_per_plan,
              "%.0f bytes" % (bytes_per_plan or 0), (bytes_per_plan or 1e9) <= 64)
    full = find(runs, "Worklist_full", "kefu", 3000)
    if full:
        inside = full["counters"].get("call_ms", full["run_ns"] / 1e6)
        check("full worklist with case context for 3,000 tasks ≤ 5 ms", full,
              "%.1f ms inside kefu_call, %.1f ms with decoding" % (inside, full["run_ns"] / 1e6),
              inside <= 5)
    imports = [r for r in runs if r["workload"] == "Bulk_import" and r["approach"] in
               ("full", "normal") and r["size"] >= 10000]
    if imports:
        best = min(imports, key=lambda r: r["item_ns"])
        text = "%s/s (%s)" % ("{:,.0f}".format(1e9 / best["item_ns"]), best["approach"])
        # The store's own ceiling: bare SQLite writing the same rows at the same size.
        ceiling = find(runs, "Bulk_import", "sqlite_same_rows", best["size"])
        if ceiling:
            text += "; bare SQLite writing the same rows: %s/s (kefu at %.0f %%)" % (
                "{:,.0f}".format(1e9 / ceiling["item_ns"]), 100 * ceiling["item_ns"] / best["item_ns"])
        check("bulk import ≥ 100,000 discharges/s into a file archive", best, text,
              1e9 / best["item_ns"] >= 100000)
    py = find(runs, "Q1_next", "python_kefu_next_many", 100000)
    c = find(runs, "Q1_next", "kefu_batch", 100000)
    du = find(runs, "Q1_next", "python_dateutil", None) or next(
        (r for r in runs if r["workload"] == "Q1_next" and r["approach"] == "python_dateutil"), None)
    if py and c and du:
        a, b = py["item_ns"] / c["item_ns"], du["item_ns"] / py["item_ns"]
        check("Python batch within 1.5× of C, ≥ 1,000× faster than dateutil", a,
              "%.2f× C, %.0f× faster than dateutil" % (a, b), a <= 1.5 and b >= 1000)
    return ["", "### Targets (issue 7)", "", "| target | kefu | |", "|---|---|---|"] + rows


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    runs = parse(sys.argv[1:])
    print("\n".join(table(runs) + targets(runs)))


if __name__ == "__main__":
    main()
