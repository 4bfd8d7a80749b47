"""The archive: kefu.open(path) and sessions acting as someone, every kefu.v1 method reachable
both generically (session.call) and through friendly methods for the everyday work."""
import ctypes
import datetime

from google.protobuf import json_format, symbol_database

from . import _native
from .dates import from_message, to_message
from .v1 import (audit_pb2, cadence_pb2, common_pb2, encounter_pb2, followup_pb2,  # noqa: F401
                 maintenance_pb2, patient_pb2, system_pb2, timeline_pb2)

_MODULES = (audit_pb2, cadence_pb2, encounter_pb2, followup_pb2, maintenance_pb2, patient_pb2,
            system_pb2, timeline_pb2)


def _method_types():
    """"kefu.v1.Service/Method" -> (request class, response class), from the protos' services."""
    database = symbol_database.Default()
    types = {}
    for module in _MODULES:
        for service in module.DESCRIPTOR.services_by_name.values():
            for method in service.methods:
                types[f"{service.full_name}/{method.name}"] = (
                    database.GetSymbol(method.input_type.full_name),
                    database.GetSymbol(method.output_type.full_name))
    return types


METHODS = _method_types()


def _date(value, message):
    return to_message(value, message) if value is not None else None


class Session:
    """One actor's use of an archive (a staff id, or a system such as "his"). Use it from one
    thread at a time; close it, or use it as a context manager."""

    def __init__(self, archive, actor):
        self._archive = archive
        self.actor = actor
        self._handle = ctypes.c_void_p()
        _native.lib.kefu_session_open(archive._handle, actor.encode("utf-8"), ctypes.byref(self._handle))

    def close(self):
        if self._handle.value:
            _native.lib.kefu_session_close(self._handle)
            self._handle = ctypes.c_void_p()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- the generic call ---------------------------------------------------------------------

    def call(self, method, request=None):
        """Calls "kefu.v1.<Service>/<Method>" with a request message (or a dict of its fields)
        and returns the typed response message."""
        if method not in METHODS:
            request_bytes = b"" if request is None else request.SerializeToString()
        else:
            request_type, _ = METHODS[method]
            if request is None:
                request = request_type()
            elif isinstance(request, dict):
                request = json_format.ParseDict(request, request_type())
            request_bytes = request.SerializeToString()
        buffer = _native.Buffer()
        _native.lib.kefu_call(self._handle, method.encode("utf-8"), request_bytes, len(request_bytes),
                              ctypes.byref(buffer))
        data = _native.take_bytes(buffer)
        response = METHODS[method][1]()
        response.ParseFromString(data)
        return response

    def call_json(self, method, request_json="{}"):
        """The same in protobuf's JSON mapping: a JSON text in, a JSON text out."""
        buffer = _native.Buffer()
        _native.lib.kefu_call_json(self._handle, method.encode("utf-8"), request_json.encode("utf-8"),
                                   ctypes.byref(buffer))
        return _native.take_bytes(buffer).decode("utf-8")

    # -- patients -----------------------------------------------------------------------------

    def create_patient(self, patient=None, **fields):
        """A new patient, from a kefu.v1.Patient or its fields (birth_date as datetime.date)."""
        if patient is None:
            patient = _patient_from_fields(fields)
        return self.call("kefu.v1.PatientService/CreatePatient",
                         patient_pb2.CreatePatientRequest(patient=patient))

    def get_patient(self, mrn=None, id=None):  # noqa: A002 - the field's name
        request = patient_pb2.GetPatientRequest(id=id) if id else patient_pb2.GetPatientRequest(mrn=mrn)
        return self.call("kefu.v1.PatientService/GetPatient", request)

    def update_patient(self, mrn, **fields):
        """Replaces the given fields of a patient."""
        return self.call("kefu.v1.PatientService/UpdatePatient", patient_pb2.UpdatePatientRequest(
            mrn=mrn, patient=_patient_from_fields(fields), update_mask=sorted(fields)))

    def find_patients(self, page_size=100, **filters):
        """Every patient matching the filters (mrn, name_contains, phone, region_prefix, status),
        page after page, as an iterator."""
        token = ""
        while True:
            page = self.call("kefu.v1.PatientService/ListPatients", patient_pb2.ListPatientsRequest(
                page_size=page_size, page_token=token, **filters))
            yield from page.patients
            token = page.next_page_token
            if not token:
                return

    def import_(self, patients=(), encounters=()):
        """Patients and encounters in one call, all or nothing."""
        return self.call("kefu.v1.PatientService/Import", patient_pb2.ImportRequest(
            patients=list(patients), encounters=list(encounters)))

    # -- encounters ---------------------------------------------------------------------------

    def discharge(self, mrn, discharged, *, admitted, department, his_visit_id="", diagnoses=(),
                  medications=(), attending_doctor="", **fields):
        """Records a whole inpatient stay ending in a discharge; the follow-up plan opens by
        itself. Delivered twice (same his_visit_id), it is recorded once."""
        encounter = encounter_pb2.Encounter(
            patient_mrn=mrn, his_visit_id=his_visit_id, department=department,
            attending_doctor=attending_doctor, kind=encounter_pb2.ENCOUNTER_KIND_INPATIENT,
            diagnoses=[_diagnosis(d) for d in diagnoses], medications=list(medications), **fields)
        to_message(admitted, encounter.admission_date)
        to_message(discharged, encounter.discharge_date)
        return self.call("kefu.v1.EncounterService/Discharge",
                         encounter_pb2.DischargeRequest(encounter=encounter))

    def record_visit(self, mrn, day, *, department, his_visit_id="", diagnoses=(), **fields):
        encounter = encounter_pb2.Encounter(
            patient_mrn=mrn, his_visit_id=his_visit_id, department=department,
            kind=encounter_pb2.ENCOUNTER_KIND_OUTPATIENT, diagnoses=[_diagnosis(d) for d in diagnoses],
            **fields)
        to_message(day, encounter.admission_date)
        return self.call("kefu.v1.EncounterService/RecordVisit",
                         encounter_pb2.RecordVisitRequest(encounter=encounter))

    def cancel_encounter(self, his_visit_id, reason=""):
        return self.call("kefu.v1.EncounterService/CancelEncounter",
                         encounter_pb2.CancelEncounterRequest(his_visit_id=his_visit_id, reason=reason))

    def timeline(self, mrn, limit=0):
        return list(self.call("kefu.v1.TimelineService/ListTimeline", timeline_pb2.ListTimelineRequest(
            patient_mrn=mrn, limit=limit)).entries)

    # -- follow-up ----------------------------------------------------------------------------

    def plans(self, mrn):
        """The patient's follow-up plans and their tasks (newest first)."""
        return self.call("kefu.v1.FollowUpService/ListPlans", followup_pb2.ListPlansRequest(patient_mrn=mrn))

    def worklist(self, day=None, *, staff="", shift="", limit=0):
        """The day's tasks (default today), overdue first, each with its case."""
        request = followup_pb2.WorklistRequest(staff=staff, shift=shift, limit=limit)
        _date(day, request.day)
        return self.call("kefu.v1.FollowUpService/Worklist", request)

    def schedule(self, start=None, days=14):
        request = followup_pb2.ScheduleRequest(days=days)
        _date(start, getattr(request, "from"))
        return self.call("kefu.v1.FollowUpService/Schedule", request)

    def record_call(self, task_id, outcome, *, notes="", staff="", phone="", death_date=None,
                    expert_question=None, appointment=None, at=None):
        """Records a call attempt. `outcome` is a CallOutcome value or its short name
        ("reached", "no_answer", "died", ...); `expert_question` a (doctor, question,
        promised_by datetime) triple; `appointment` a (date, department, expert) triple."""
        if isinstance(outcome, str):
            outcome = followup_pb2.CallOutcome.Value("CALL_OUTCOME_" + outcome.upper().replace("-", "_"))
        request = followup_pb2.RecordAttemptRequest(task_id=task_id, outcome=outcome, notes=notes,
                                                    staff=staff, phone=phone)
        if at is not None:
            request.at_ms = int(at.timestamp() * 1000)
        _date(death_date, request.death_date)
        if expert_question is not None:
            doctor, question, promised_by = expert_question
            request.expert_question.doctor = doctor
            request.expert_question.question = question
            request.expert_question.promised_by_ms = int(promised_by.timestamp() * 1000)
        if appointment is not None:
            day, department, expert = appointment
            to_message(day, request.appointment.date)
            request.appointment.department = department
            request.appointment.expert = expert
        return self.call("kefu.v1.FollowUpService/RecordAttempt", request)

    def explain(self, task_id):
        return self.call("kefu.v1.FollowUpService/Explain", followup_pb2.ExplainRequest(task_id=task_id)).text

    def report(self, start, end, *, period="day", by=None):
        """The team's measures for the tasks due from `start` to `end` (datetime.date)."""
        request = followup_pb2.ReportRequest(
            period=followup_pb2.ReportPeriod.Value("REPORT_PERIOD_" + period.upper()),
            by=followup_pb2.ReportBy.Value("REPORT_BY_" + by.upper()) if by else 0)
        to_message(start, getattr(request, "from"))
        to_message(end, request.to)
        return self.call("kefu.v1.FollowUpService/Report", request)

    # -- maintenance --------------------------------------------------------------------------

    def backup(self, destination):
        return self.call("kefu.v1.MaintenanceService/Backup",
                         maintenance_pb2.BackupRequest(destination_path=str(destination)))

    def check(self):
        return self.call("kefu.v1.MaintenanceService/CheckIntegrity")

    def audit(self, **filters):
        """Every audit entry matching the filters (patient_id, actor, from_ms, to_ms), in order."""
        token = ""
        while True:
            page = self.call("kefu.v1.AuditService/ListAudit",
                             audit_pb2.ListAuditRequest(page_token=token, page_size=1000, **filters))
            yield from page.entries
            token = page.next_page_token
            if not token:
                return


def _diagnosis(value):
    if isinstance(value, encounter_pb2.Diagnosis):
        return value
    code, _, text = value.partition(" ")
    return encounter_pb2.Diagnosis(icd10=code, text=text)


def _patient_from_fields(fields):
    fields = dict(fields)
    dates = {k: fields.pop(k) for k in ("birth_date", "death_date") if k in fields}
    phones = fields.pop("phones", [])
    patient = patient_pb2.Patient(**fields)
    for number in phones:
        patient.phones.add(number=number) if isinstance(number, str) else patient.phones.append(number)
    for name, value in dates.items():
        if value is not None:
            to_message(value, getattr(patient, name))
    return patient


class Archive:
    """An open archive (one SQLite file; ":memory:" for a throwaway one). Share it between
    threads; give each thread its own session."""

    _DURABILITY = {"full": maintenance_pb2.DURABILITY_FULL,
                   "normal": maintenance_pb2.DURABILITY_NORMAL}

    def __init__(self, path, durability="full"):
        """durability="full" (the default): every acknowledged call survives a power cut.
        "normal": faster commits; a power cut may undo the calls acknowledged just before it
        (for bulk loads that can be rerun). The archive stays consistent either way."""
        if durability not in self._DURABILITY:
            raise ValueError("durability is %r: must be 'full' or 'normal'" % (durability,))
        self.path = str(path)
        self._handle = ctypes.c_void_p()
        options = maintenance_pb2.OpenOptions(durability=self._DURABILITY[durability])
        data = options.SerializeToString()
        _native.lib.kefu_open_with_options(self.path.encode("utf-8"), data, len(data),
                                           ctypes.byref(self._handle))

    def session(self, actor):
        return Session(self, actor)

    def close(self):
        if self._handle.value:
            _native.lib.kefu_close(self._handle)
            self._handle = ctypes.c_void_p()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def today():
    """Today in China (UTC+8), the archive's default zone."""
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date()


__all__ = ["Archive", "Session", "METHODS", "from_message", "today"]
