"""The archive and the follow-up team's work from Python: every friendly method, the generic
call, errors and their messages, paginated iterators."""
import datetime
import os
import pathlib
import subprocess
import sys

import pytest

import kefu
from kefu.v1 import followup_pb2, maintenance_pb2, patient_pb2, system_pb2

from conftest import days_ago


def test_patients_create_get_update_and_find(session):
    created = session.create_patient(mrn="H1", name="张伟", birth_date=datetime.date(1958, 4, 12),
                                     phones=["138-0000-0001"], region_code="131002")
    assert created.phones[0].number == "13800000001"
    assert kefu.from_message(created.birth_date) == datetime.date(1958, 4, 12)
    assert session.get_patient(mrn="H1").id == created.id
    assert session.get_patient(id=created.id).mrn == "H1"
    updated = session.update_patient("H1", address="新地址")
    assert updated.address == "新地址" and updated.region_code == "131002"
    for i in range(2, 8):
        session.create_patient(mrn=f"H{i}", name="刘洋")
    found = list(session.find_patients(page_size=2, name_contains="刘"))
    assert [p.mrn for p in found] == [f"H{i}" for i in range(2, 8)]
    assert [p.mrn for p in session.find_patients(phone="13800000001")] == ["H1"]


def test_errors_are_exceptions_with_the_library_message(session):
    session.create_patient(mrn="H1", name="a")
    with pytest.raises(kefu.AlreadyExists) as error:
        session.create_patient(mrn="H1", name="b")
    assert str(error.value) == 'KEFU_ERR_ALREADY_EXISTS: mrn is "H1": already the MRN of patient id 1'
    with pytest.raises(kefu.NotFound, match='patient MRN "H9" does not exist'):
        session.get_patient(mrn="H9")
    with pytest.raises(kefu.InvalidArgument, match="not a phone number"):
        session.create_patient(mrn="H2", name="c", phones=["call me"])
    with pytest.raises(kefu.Unimplemented):
        session.call("kefu.v1.NoSuch/Method")
    with pytest.raises(kefu.InvalidArgument, match="request_json is not a valid"):
        session.call_json("kefu.v1.PatientService/GetPatient", "not json")


def test_the_generic_call_returns_typed_messages(session):
    version = session.call("kefu.v1.SystemService/GetVersion")
    assert isinstance(version, system_pb2.GetVersionResponse)
    assert version.abi_version == kefu.ABI_VERSION
    assert "kefu.v1.FollowUpService/Worklist" in version.methods
    listed = session.call("kefu.v1.PatientService/ListPatients", {"pageSize": 5})
    assert isinstance(listed, patient_pb2.ListPatientsResponse)
    assert '"abiVersion":1' in session.call_json("kefu.v1.SystemService/GetVersion")
    assert set(kefu.METHODS) >= {"kefu.v1.CadenceService/Expand", "kefu.v1.PatientService/Import"}


def test_a_follow_up_day(session):
    session.create_patient(mrn="H1", name="王芳", phones=["13800000001"])
    session.create_patient(mrn="H2", name="李雷", phones=["13800000002", "13800000003"])
    session.create_patient(mrn="H3", name="赵敏", phones=["13800000004"])
    for mrn in ("H1", "H2", "H3"):
        response = session.discharge(mrn, days_ago(3), admitted=days_ago(10), department="心内科",
                                     his_visit_id=f"ZY-{mrn}", diagnoses=["I10 高血压"])
        assert not response.already_recorded
    assert session.discharge("H1", days_ago(3), admitted=days_ago(10), department="心内科",
                             his_visit_id="ZY-H1").already_recorded
    plans = session.plans("H1")
    assert len(plans.plans) == 1 and plans.plans[0].policy == "standard"
    items = session.worklist().items
    assert {i.patient.mrn for i in items} == {"H1", "H2", "H3"}
    assert items[0].last_encounter.diagnoses[0].icd10 == "I10"
    task = {i.patient.mrn: i.task.id for i in items}

    reached = session.record_call(task["H1"], "reached", notes="恢复良好")
    assert reached.task.state == followup_pb2.TASK_STATE_DONE and reached.next_task.seq == 2
    wrong = session.record_call(task["H2"], "wrong_number", phone="13800000002")
    assert wrong.task.state == followup_pb2.TASK_STATE_WAITING_CORRECTION
    promised = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
    question = session.record_call(task["H3"], "expert_question",
                                   expert_question=("刘主任", "可以停药吗？", promised))
    assert question.escalation.doctor == "刘主任"
    assert len(session.worklist().escalations) == 1
    assert "Its contact #1 is due" in session.explain(task["H1"])
    report = session.report(days_ago(30), kefu.today() + datetime.timedelta(days=30), period="month",
                            by="department")
    assert report.total.due >= 2 and report.open_escalations == 1
    timeline = session.timeline("H1")
    assert timeline[0].contact.notes == "恢复良好"
    session.call("kefu.v1.FollowUpConfigService/PutStaff", {"staff": {
        "id": "nurse-wang", "shifts": ["night"], "capacityPerShift": 10, "active": True}})
    scheduled = session.schedule(days=30)  # the next contacts open in about two weeks
    assert len(scheduled.assigned) == 2
    assert {t.assigned_staff for t in scheduled.assigned} == {"nurse-wang"}
    assert session.check().ok


def test_death_stops_every_call(session):
    session.create_patient(mrn="H1", name="x", phones=["13800000001"])
    session.discharge("H1", days_ago(2), admitted=days_ago(9), department="外科")
    task = session.plans("H1").tasks[0].id
    result = session.record_call(task, followup_pb2.CALL_OUTCOME_DIED, notes="家属告知")
    assert result.plan.close_reason == followup_pb2.CLOSE_REASON_DECEASED
    assert session.get_patient(mrn="H1").status == patient_pb2.PATIENT_STATUS_DECEASED
    assert not session.worklist().items


def test_import_and_audit_iterate(session):
    patients = [patient_pb2.Patient(mrn=f"I{i}", name="n") for i in range(1500)]
    assert session.import_(patients=patients).patients_created == 1500
    entries = list(session.audit(actor="nurse-0042"))
    assert len(entries) == 1500 and entries[-1].seq == 1500


def test_backup_to_a_file(tmp_path):
    with kefu.open(tmp_path / "a.db", create=True) as archive, archive.session("cli") as s:
        s.create_patient(mrn="B1", name="x")
        assert s.backup(tmp_path / "copy.db").bytes > 0
    with kefu.open(tmp_path / "copy.db") as copy, copy.session("cli") as s:
        assert s.get_patient(mrn="B1").name == "x"


def test_a_missing_library_is_refused_with_a_clear_message():
    env = dict(os.environ, KEFU_LIBRARY="/nonexistent/libkefu.so.1")
    run = subprocess.run([sys.executable, "-c", "import kefu"], env=env, capture_output=True, text=True)
    assert run.returncode != 0
    assert "libkefu.so.1 not found; set KEFU_LIBRARY" in run.stderr


def test_the_examples_run(tmp_path):
    source = pathlib.Path(os.environ.get("KEFU_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
    examples = source / "bindings" / "python" / "examples"
    csv = tmp_path / "discharges.csv"
    csv.write_text("mrn,name,phone,department,admitted,discharged,his_visit_id,diagnoses\n"
                   f"E1,王芳,13800000001,心内科,{days_ago(12)},{days_ago(4)},ZY-1,I10 高血压\n"
                   f"E2,李雷,13800000002,男科,{days_ago(12)},{days_ago(4)},ZY-2,N48.4\n", encoding="utf-8")
    archive = tmp_path / "hospital.db"
    run = subprocess.run([sys.executable, str(examples / "import_discharges.py"), str(archive), str(csv)],
                         capture_output=True, text=True, check=True)
    assert "E1" in run.stdout and "standard" in run.stdout
    run = subprocess.run([sys.executable, str(examples / "export_worklist.py"), str(archive), str(tmp_path)],
                         capture_output=True, text=True, check=True)
    assert "wrote" in run.stdout
    assert list(tmp_path.glob("worklist-*.csv"))
    # The same export again: already present, nothing imported twice.
    run = subprocess.run([sys.executable, str(examples / "import_discharges.py"), str(archive), str(csv)],
                         capture_output=True, text=True, check=True)
    assert "imported 0 new patients and 0 discharges (2 already present, 0 updated)" in run.stdout
    # Another discharge day for the same stay names the line.
    changed = tmp_path / "changed.csv"
    changed.write_text(csv.read_text(encoding="utf-8").replace(str(days_ago(4)), str(days_ago(3)), 1),
                       encoding="utf-8")
    run = subprocess.run([sys.executable, str(examples / "import_discharges.py"), str(archive), str(changed)],
                         capture_output=True, text=True)
    assert run.returncode != 0 and "changed.csv line 2: discharge_date is" in run.stderr, run.stderr
    # The sample that ships with the script imports.
    run = subprocess.run([sys.executable, str(examples / "import_discharges.py"), str(tmp_path / "s.db"),
                          str(examples / "discharges.csv")], capture_output=True, text=True, check=True)
    assert "imported 4 new patients and 4 discharges" in run.stdout


def test_visits_and_cancellations(session):
    session.create_patient(mrn="V1", name="x")
    visit = session.record_visit("V1", days_ago(1), department="内分泌科", his_visit_id="MZ-1",
                                 diagnoses=["E11.9 2型糖尿病"])
    assert visit.encounter.state == 3  # ENCOUNTER_STATE_VISITED
    assert session.record_visit("V1", days_ago(1), department="内分泌科", his_visit_id="MZ-1").already_recorded
    session.discharge("V1", days_ago(2), admitted=days_ago(8), department="内科", his_visit_id="ZY-9")
    assert session.plans("V1").plans[0].state == followup_pb2.PLAN_STATE_OPEN
    cancelled = session.cancel_encounter("ZY-9", reason="entered in error")
    assert cancelled.cancel_reason == "entered in error"
    assert session.plans("V1").plans[0].close_reason == followup_pb2.CLOSE_REASON_WITHDRAWN


def test_durability_is_chosen_at_open(tmp_path):
    for durability, synchronous in (("full", "FULL"), ("normal", "NORMAL")):
        with kefu.Archive(tmp_path / ("%s.db" % durability), durability=durability, create=True) as archive:
            info = archive.session("t").call("kefu.v1.MaintenanceService/GetInfo",
                                             maintenance_pb2.GetInfoRequest())
            assert info.synchronous == synchronous
    with pytest.raises(ValueError, match="durability is 'fast'"):
        kefu.Archive(tmp_path / "x.db", durability="fast")
