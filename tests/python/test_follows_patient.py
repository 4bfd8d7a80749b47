"""Follow-up from Python as a hospital script uses it: enums by name, clear errors for wrong
field names, archives that must exist, a clock of one's own, and the friendly methods for the
configuration a team changes."""
import datetime

import pytest

import kefu

CHINA = datetime.timezone(datetime.timedelta(hours=8))
MONDAY = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=CHINA)


@pytest.fixture
def clocked():
    with kefu.open(":memory:", simulated_now=MONDAY) as archive, archive.session("nurse-0042") as s:
        yield archive, s


def test_enums_have_names_and_compare_with_message_fields(clocked):
    _, s = clocked
    s.create_patient(mrn="P1", name="张伟", phones=["13800000001"])
    s.discharge("P1", datetime.date(2026, 11, 20), admitted=datetime.date(2026, 11, 10), department="心内科")
    plan = s.plans("P1").plans[0]
    assert plan.state == kefu.PlanState.OPEN
    assert kefu.TaskState(s.plans("P1").tasks[0].state).name == "PENDING"
    assert kefu.CallOutcome.NO_ANSWER == 2 and kefu.PatientStatus.DECEASED == 2
    assert "PlanState" in kefu.ENUMS


def test_wrong_field_names_raise_invalid_argument(session):
    with pytest.raises(kefu.InvalidArgument, match='kefu.v1.Patient: .*"nmae"'):
        session.create_patient(mrn="P1", nmae="x")
    with pytest.raises(kefu.InvalidArgument, match="kefu.v1.ListPatientsRequest"):
        session.call("kefu.v1.PatientService/ListPatients", {"pageSise": 5})
    with pytest.raises(kefu.InvalidArgument, match="outcome is 'maybe': one of reached"):
        session.record_call(1, "maybe")
    with pytest.raises(kefu.InvalidArgument, match="period is 'hour': one of day, week, month"):
        session.report(datetime.date(2026, 1, 1), datetime.date(2026, 1, 31), period="hour")
    with pytest.raises(kefu.InvalidArgument, match="channel is 'pigeon': one of phone"):
        session.record_contact("P1", channel="pigeon")
    with pytest.raises(kefu.InvalidArgument, match="give a timezone-aware datetime"):
        session.record_call(1, "reached", at=datetime.datetime(2026, 11, 23))


def test_a_missing_archive_is_not_found_unless_created(tmp_path):
    with pytest.raises(kefu.NotFound, match="no archive there"):
        kefu.open(tmp_path / "typo.db")
    assert not (tmp_path / "typo.db").exists()
    with kefu.open(tmp_path / "new.db", create=True):
        pass
    with kefu.open(tmp_path / "new.db"):
        pass


def test_a_simulated_clock_replays_the_past(clocked):
    archive, s = clocked
    archive.set_clock(datetime.datetime(2025, 3, 3, 9, 0, tzinfo=CHINA))
    s.create_patient(mrn="P1", name="x", phones=["13800000001"])
    s.discharge("P1", datetime.date(2025, 3, 1), admitted=datetime.date(2025, 2, 20), department="内科")
    assert [i.patient.mrn for i in s.worklist().items] == ["P1"]
    entry = list(s.audit())[-1]
    assert entry.simulated_clock and entry.at_ms < entry.wall_ms


def test_a_death_recorded_by_update_closes_the_plan(clocked):
    _, s = clocked
    s.create_patient(mrn="P1", name="x", phones=["13800000001"])
    s.discharge("P1", datetime.date(2026, 11, 20), admitted=datetime.date(2026, 11, 10), department="内科")
    s.update_patient("P1", status=kefu.PatientStatus.DECEASED, death_date=datetime.date(2026, 11, 21))
    plan = s.plans("P1").plans[0]
    assert plan.close_reason == kefu.CloseReason.DECEASED
    assert not s.worklist().items


def test_the_configuration_a_team_changes(clocked):
    _, s = clocked
    settings = s.update_settings(max_attempts_per_window=1, unreachable_after_missed=1,
                                 death_dispositions=["病逝"])
    assert settings.max_attempts_per_window == 1 and list(settings.death_dispositions) == ["病逝"]
    assert s.update_settings(prefer_attending_doctor=True).max_attempts_per_window == 1
    assert s.set_plan_rules([{"policy": "local", "department": "妇科"}])[0].policy == "local"
    assert s.plan_rules()[0].department == "妇科"
    assert list(s.set_never_call(departments=["男科"]).departments) == ["男科"]
    year = s.set_calendar_year(2027, days_off=[datetime.date(2027, 1, 1)])
    assert kefu.from_message(s.calendar_year(2027).days_off[0]) == datetime.date(2027, 1, 1)
    assert year.version >= 1
    s.put_staff("nurse-wang", name="王护士", shifts=["night"], capacity_per_shift=10)
    assert [m.id for m in s.staff()] == ["nurse-wang"]

    # A missed call makes the patient unreachable (one miss, as set above), a contact resumes.
    s.create_patient(mrn="P1", name="x", phones=["13800000001"])
    s.admit("P1", datetime.date(2026, 11, 10), department="内科", his_visit_id="ZY-1")
    s.discharge("P1", datetime.date(2026, 11, 20), admitted=datetime.date(2026, 11, 10),
                department="内科", his_visit_id="ZY-1")
    task = s.plans("P1").tasks[0].id
    assert s.record_call(task, "no_answer").plan.state == kefu.PlanState.PAUSED
    lost = list(s.unreachable())
    assert [u.patient.mrn for u in lost] == ["P1"] and lost[0].missed_in_a_row == 1
    s.record_contact("P1", direction="inbound", notes="女儿来电")
    assert s.plans("P1").plans[0].state == kefu.PlanState.OPEN

    # A question for an expert, answered.
    s.create_patient(mrn="P2", name="y", phones=["13800000002"])
    s.discharge("P2", datetime.date(2026, 11, 20), admitted=datetime.date(2026, 11, 10), department="内科")
    asked = s.record_call(s.plans("P2").tasks[0].id, "expert_question",
                          expert_question=("刘主任", "可以停药吗？", MONDAY + datetime.timedelta(days=1)))
    assert [q.id for q in s.questions()] == [asked.escalation.id]
    assert s.answer_question(asked.escalation.id, "可以减量").state == kefu.EscalationState.ANSWERED
    assert not s.questions()


def test_a_merge_moves_follow_up_to_the_survivor(clocked):
    _, s = clocked
    for mrn in ("KEEP", "GONE"):
        s.create_patient(mrn=mrn, name="x")
    s.discharge("GONE", datetime.date(2026, 11, 20), admitted=datetime.date(2026, 11, 10), department="内科")
    s.merge_patients("KEEP", "GONE")
    assert s.plans("KEEP").plans[0].state == kefu.PlanState.OPEN
    assert [i.patient.mrn for i in s.worklist().items] == ["KEEP"]
