#!/usr/bin/env python3
"""Exports tomorrow's follow-up worklist to one CSV per shift, for the team leads to hand out.
Tomorrow's calls are first assigned to staff and shifts (FollowUpService/Schedule); tasks no one
could take land in worklist-DATE-unassigned.csv.

usage: export_worklist.py ARCHIVE [OUT_DIR]
"""
import collections
import csv
import datetime
import pathlib
import sys

import kefu


def main(archive_path, out_dir):
    tomorrow = kefu.today() + datetime.timedelta(days=1)
    with kefu.open(archive_path) as archive, archive.session("worklist-export") as s:
        s.schedule(tomorrow, days=1)
        items = s.worklist(tomorrow).items
    by_shift = collections.defaultdict(list)
    for item in items:
        by_shift[item.task.assigned_shift or "unassigned"].append(item)
    out_dir = pathlib.Path(out_dir)
    for shift, rows in sorted(by_shift.items()):
        path = out_dir / f"worklist-{tomorrow}-{shift}.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["task", "staff", "mrn", "name", "phone", "contact", "due", "overdue",
                        "department", "diagnoses", "medications", "last notes"])
            for item in rows:
                phone = next((p.number for p in item.patient.phones if not p.wrong_number), "")
                w.writerow([item.task.id, item.task.assigned_staff, item.patient.mrn, item.patient.name,
                            phone, item.task.seq, kefu.from_message(item.task.due),
                            "yes" if item.overdue else "",
                            item.last_encounter.department,
                            " ".join(d.icd10 for d in item.last_encounter.diagnoses),
                            " ".join(m.name for m in item.last_encounter.medications),
                            item.last_contacts[0].notes if item.last_contacts else ""])
        print(f"wrote {len(rows)} tasks to {path}")
    if not items:
        print(f"wrote nothing: no calls for {tomorrow}")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    try:
        main(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else ".")
    except kefu.Error as error:
        sys.exit(f"export_worklist: {error}")
