#!/usr/bin/env python3
"""Imports a HIS discharge export (CSV) into a kefu archive and prints the follow-up plan each
discharge opened — or why none was opened.

usage: import_discharges.py ARCHIVE DISCHARGES.csv   (try it with discharges.csv beside this script)
CSV columns: mrn, name, phone, department, admitted, discharged (YYYY-MM-DD), his_visit_id
(optional: the HIS's id of the stay; without it, MRN and discharge day), diagnoses
("I10 高血压; E11.9 2型糖尿病"). New patients are created; known ones are reused by MRN. Importing
an export again (nightly exports overlap) counts what is already there; a contradiction (another
discharge day for the same stay) stops the import, naming the line.
"""
import csv
import datetime
import re
import sys

import kefu
from kefu.v1 import encounter_pb2, patient_pb2


def _locate(message, csv_path):
    """"encounters[3].discharge_date ..." -> "discharges.csv line 5: discharge_date ...": where
    to fix it (one encounter per row, after the header)."""
    match = re.match(r"encounters\[(\d+)\]\.(.*)", message, re.S)
    return f"{csv_path} line {int(match.group(1)) + 2}: {match.group(2)}" if match else message


def main(archive_path, csv_path):
    with open(csv_path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    with kefu.open(archive_path, create=True) as archive, archive.session("his-import") as s:
        known = {p.mrn for mrn in {r["mrn"] for r in rows} for p in s.find_patients(mrn=mrn)}
        patients, encounters = [], []
        for r in rows:
            if r["mrn"] not in known:
                known.add(r["mrn"])
                patients.append(patient_pb2.Patient(mrn=r["mrn"], name=r["name"],
                                                    phones=[patient_pb2.Phone(number=r["phone"])]))
            e = encounter_pb2.Encounter(patient_mrn=r["mrn"], department=r["department"],
                                        kind=encounter_pb2.ENCOUNTER_KIND_INPATIENT,
                                        his_visit_id=r.get("his_visit_id") or f"{r['mrn']}-{r['discharged']}")
            kefu.to_message(datetime.date.fromisoformat(r["admitted"]), e.admission_date)
            kefu.to_message(datetime.date.fromisoformat(r["discharged"]), e.discharge_date)
            for d in filter(None, (x.strip() for x in r.get("diagnoses", "").split(";"))):
                code, _, text = d.partition(" ")
                e.diagnoses.add(icd10=code, text=text)
            encounters.append(e)
        try:
            result = s.import_(patients=patients, encounters=encounters)
        except kefu.Error as error:
            raise kefu.Error(_locate(str(error.message), csv_path)) from None
        print(f"imported {result.patients_created} new patients and {result.discharges} discharges"
              f" ({result.encounters_unchanged} already present, {result.encounters_updated} updated)")
        for mrn in sorted({r["mrn"] for r in rows}):
            plan = s.plans(mrn).plans[0]
            if plan.state == kefu.PlanState.OPEN:
                task = s.plans(mrn).tasks[0]
                print(f"{mrn}: policy {plan.policy}, contact #{task.seq} "
                      f"{kefu.from_message(task.opens)}..{kefu.from_message(task.due)}")
            else:
                print(f"{mrn}: {plan.reason}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    try:
        main(sys.argv[1], sys.argv[2])
    except kefu.Error as error:
        sys.exit(f"import_discharges: {error}")
