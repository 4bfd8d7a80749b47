#!/usr/bin/python3
"""The CSV import's peak memory and rate: `kefu import` of N patients and N discharges (a HIS
export of a hospital group), measured as a child process (peak resident set from getrusage), in
Google Benchmark's JSON layout so that bench/report.py tables it beside the rest.

    /usr/bin/python3 bench/python/import_memory.py KEFU_CLI --rows 1000000 [--json OUT] [--dir DIR]

The files are streamed: memory follows one batch of rows (--batch, 5,000), not the files. Beside
the peak stands the size of the two files (csv_mb), which any reader that holds a whole export
(as kefu 0.3 did: 322 MB for 50,000 rows) needs at the least.
"""
import argparse
import datetime
import json
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time


def write_export(directory, rows):
    """N patients and a discharge each, over the past year, as a HIS exports them."""
    today = datetime.date.today()
    patients = directory / "patients.csv"
    encounters = directory / "encounters.csv"
    with open(patients, "w", encoding="utf-8") as p, open(encounters, "w", encoding="utf-8") as e:
        p.write("mrn,name,sex,birth_date,phone,region_code,locality\n")
        e.write("mrn,his_visit_id,kind,department,attending_doctor,admission_date,discharge_date,diagnoses,disposition\n")
        for i in range(rows):
            mrn = f"B{i:08d}"
            discharged = today - datetime.timedelta(days=1 + i % 360)
            admitted = discharged - datetime.timedelta(days=3 + i % 9)
            p.write(f"{mrn},患者{i},{'男' if i % 2 else '女'},19{40 + i % 60}-0{1 + i % 9}-1{i % 9},"
                    f"13{800000000 + i % 99999999},131002,本地\n")
            e.write(f"{mrn},ZY{i:09d},住院,心内科,刘医生,{admitted},{discharged},I10 高血压,home\n")
    return patients, encounters


def measure(kefu, directory, rows, batch):
    patients, encounters = write_export(directory, rows)
    archive = directory / "import.db"
    for suffix in ("", "-wal", "-shm"):
        pathlib.Path(str(archive) + suffix).unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    run = subprocess.run([kefu, "import", "--db", str(archive), "--create", "--batch", str(batch),
                          "--patients", str(patients), "--encounters", str(encounters)],
                         capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        sys.exit(f"kefu import failed: {run.stderr}")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if peak_kb <= before:
        sys.exit("could not measure the import's peak memory (an earlier child used more)")
    files_mb = (patients.stat().st_size + encounters.stat().st_size) / 2**20
    return seconds, peak_kb / 1024, files_mb, run.stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kefu", help="the kefu command-line tool")
    parser.add_argument("--rows", type=int, default=1000000)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--json", help="write Google Benchmark JSON here")
    parser.add_argument("--dir", help="where to write the export and the archive (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as scratch:
        seconds, peak_mb, files_mb, said = measure(args.kefu, pathlib.Path(scratch), args.rows, args.batch)
    expected = f"imported {args.rows} patients and {args.rows} encounters ({args.rows} discharges)"
    if said != expected:
        sys.exit(f"kefu import said {said!r}, not {expected!r}")
    rate = 2 * args.rows / seconds
    print(f"{args.rows} patients + {args.rows} discharges: {seconds:.1f} s ({rate:,.0f} rows/s), "
          f"peak {peak_mb:.0f} MB for {files_mb:.0f} MB of CSV", file=sys.stderr)
    if args.json:
        def run(approach, real, **counters):
            return dict(name=f"Csv_import/{approach}/{args.rows}", run_name=f"Csv_import/{approach}/{args.rows}",
                        run_type="iteration", iterations=1, real_time=real, cpu_time=real,
                        time_unit="s", **counters)
        with open(args.json, "w") as f:
            json.dump({"context": {"date": datetime.datetime.now().isoformat()}, "benchmarks": [
                run("kefu_cli", seconds, peak_rss_mb=peak_mb, csv_mb=files_mb, rows_per_s=rate)]},
                      f, indent=1)


if __name__ == "__main__":
    main()
