"""The archive: kefu.open(path) and sessions acting as someone, every kefu.v1 method reachable
both generically (session.call) and through friendly methods for the everyday work."""
import ctypes
import datetime

from google.protobuf import json_format, symbol_database

from . import _native
from .dates import from_message, to_message
from .errors import InvalidArgument
from .v1 import (access_pb2, audit_pb2, cadence_pb2, common_pb2, encounter_pb2,  # noqa: F401
                 followup_pb2, maintenance_pb2, patient_pb2, system_pb2, timeline_pb2)

_MODULES = (access_pb2, audit_pb2, cadence_pb2, encounter_pb2, followup_pb2, maintenance_pb2,
            patient_pb2, system_pb2, timeline_pb2)


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


def _build(message_type, **fields):
    """A message from keyword fields; a field the message does not have is kefu.InvalidArgument,
    as the library says of a JSON field it does not know."""
    try:
        return message_type(**fields)
    except (ValueError, TypeError) as error:
        raise InvalidArgument(f"{message_type.DESCRIPTOR.full_name.replace('kefu_internal', 'kefu')}: "
                              f"{error}") from None


def _from_dict(values, message_type):
    try:
        return json_format.ParseDict(values, message_type())
    except json_format.ParseError as error:
        raise InvalidArgument(f"{message_type.DESCRIPTOR.full_name}: {error}") from None


def _enum(enum_type, prefix, name, field):
    """An enum value by its short name ("no_answer" for CALL_OUTCOME_NO_ANSWER); a name it does
    not have is kefu.InvalidArgument listing the ones it has."""
    full = prefix + str(name).upper().replace("-", "_")
    if full not in enum_type.keys():
        names = ", ".join(k[len(prefix):].lower() for k in enum_type.keys() if not k.endswith("_UNSPECIFIED"))
        raise InvalidArgument(f"{field} is {name!r}: one of {names}")
    return enum_type.Value(full)


def _epoch_ms(moment, field):
    if not isinstance(moment, datetime.datetime) or moment.tzinfo is None:
        raise InvalidArgument(f"{field} is {moment!r}: give a timezone-aware datetime.datetime")
    return int(moment.timestamp() * 1000)


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
                request = _from_dict(request, request_type)
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

    def merge_patients(self, survivor_mrn, merged_mrn):
        """The HIS merged two records of one person: everything of `merged_mrn` (its plans and
        tasks included) moves to `survivor_mrn`."""
        return self.call("kefu.v1.PatientService/MergePatients", patient_pb2.MergePatientsRequest(
            survivor_mrn=survivor_mrn, merged_mrn=merged_mrn))

    def find_patients(self, page_size=100, **filters):
        """Every patient matching the filters (mrn, name_contains, phone, region_prefix, status),
        page after page, as an iterator."""
        token = ""
        while True:
            page = self.call("kefu.v1.PatientService/ListPatients", _build(
                patient_pb2.ListPatientsRequest, page_size=page_size, page_token=token, **filters))
            yield from page.patients
            token = page.next_page_token
            if not token:
                return

    def import_(self, patients=(), encounters=()):
        """Patients and encounters in one call, all or nothing."""
        return self.call("kefu.v1.PatientService/Import", patient_pb2.ImportRequest(
            patients=list(patients), encounters=list(encounters)))

    # -- encounters ---------------------------------------------------------------------------

    def admit(self, mrn, admitted, *, department, his_visit_id="", attending_doctor="", **fields):
        """Records an admission; discharge it later with discharge(..., his_visit_id=...)."""
        encounter = _build(encounter_pb2.Encounter, patient_mrn=mrn, his_visit_id=his_visit_id,
                           department=department, attending_doctor=attending_doctor,
                           kind=encounter_pb2.ENCOUNTER_KIND_INPATIENT, **fields)
        to_message(admitted, encounter.admission_date)
        return self.call("kefu.v1.EncounterService/Admit", encounter_pb2.AdmitRequest(encounter=encounter))

    def discharge(self, mrn, discharged, *, admitted, department, his_visit_id="", diagnoses=(),
                  medications=(), attending_doctor="", **fields):
        """Records a whole inpatient stay ending in a discharge; the follow-up plan opens by
        itself. Delivered twice (same his_visit_id), it is recorded once."""
        encounter = _build(
            encounter_pb2.Encounter, patient_mrn=mrn, his_visit_id=his_visit_id, department=department,
            attending_doctor=attending_doctor, kind=encounter_pb2.ENCOUNTER_KIND_INPATIENT,
            diagnoses=[_diagnosis(d) for d in diagnoses], medications=list(medications), **fields)
        to_message(admitted, encounter.admission_date)
        to_message(discharged, encounter.discharge_date)
        return self.call("kefu.v1.EncounterService/Discharge",
                         encounter_pb2.DischargeRequest(encounter=encounter))

    def record_visit(self, mrn, day, *, department, his_visit_id="", diagnoses=(), **fields):
        encounter = _build(
            encounter_pb2.Encounter, patient_mrn=mrn, his_visit_id=his_visit_id, department=department,
            kind=encounter_pb2.ENCOUNTER_KIND_OUTPATIENT, diagnoses=[_diagnosis(d) for d in diagnoses],
            **fields)
        to_message(day, encounter.admission_date)
        return self.call("kefu.v1.EncounterService/RecordVisit",
                         encounter_pb2.RecordVisitRequest(encounter=encounter))

    def cancel_encounter(self, his_visit_id, reason=""):
        return self.call("kefu.v1.EncounterService/CancelEncounter",
                         encounter_pb2.CancelEncounterRequest(his_visit_id=his_visit_id, reason=reason))

    def record_contact(self, mrn, *, channel="phone", direction="inbound", notes="", outcome="", **fields):
        """A contact in the patient's timeline (direction and channel by short name: "inbound",
        "phone"). An inbound one, or one whose outcome is "reached", resumes a plan paused
        because the patient was unreachable."""
        contact = _build(timeline_pb2.ContactEvent, patient_mrn=mrn, notes=notes, outcome=outcome,
                         channel=_enum(cadence_pb2.Channel, "CHANNEL_", channel, "channel"),
                         direction=_enum(timeline_pb2.Direction, "DIRECTION_", direction, "direction"),
                         **fields)
        return self.call("kefu.v1.TimelineService/RecordContact",
                         timeline_pb2.RecordContactRequest(contact=contact))

    def add_note(self, mrn, text, contact_id=0):
        return self.call("kefu.v1.TimelineService/AddNote", timeline_pb2.AddNoteRequest(
            note=timeline_pb2.Note(patient_mrn=mrn, text=text, contact_id=contact_id)))

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
                    expert_question=None, appointment=None, at=None, early_reason=""):
        """Records a call attempt. `outcome` is a kefu.CallOutcome or its short name
        ("reached", "no_answer", "died", ...); `expert_question` a (doctor, question,
        promised_by datetime) triple; `appointment` a (date, department, expert) triple. A call
        before the task's window opens needs `early_reason`."""
        if isinstance(outcome, str):
            outcome = _enum(followup_pb2.CallOutcome, "CALL_OUTCOME_", outcome, "outcome")
        request = followup_pb2.RecordAttemptRequest(task_id=task_id, outcome=int(outcome), notes=notes,
                                                    staff=staff, phone=phone,
                                                    early_contact_reason=early_reason)
        if at is not None:
            request.at_ms = _epoch_ms(at, "at")
        _date(death_date, request.death_date)
        if expert_question is not None:
            doctor, question, promised_by = expert_question
            request.expert_question.doctor = doctor
            request.expert_question.question = question
            request.expert_question.promised_by_ms = _epoch_ms(promised_by, "promised_by")
        if appointment is not None:
            day, department, expert = appointment
            to_message(day, request.appointment.date)
            request.appointment.department = department
            request.appointment.expert = expert
        return self.call("kefu.v1.FollowUpService/RecordAttempt", request)

    def questions(self, include_answered=False):
        """Expert questions awaiting an answer (overdue first)."""
        return list(self.call("kefu.v1.FollowUpService/ListEscalations", followup_pb2.ListEscalationsRequest(
            include_answered=include_answered)).escalations)

    def answer_question(self, escalation_id, answer):
        """Records the expert's answer to a patient's question."""
        return self.call("kefu.v1.FollowUpService/AnswerEscalation", followup_pb2.AnswerEscalationRequest(
            escalation_id=escalation_id, answer=answer))

    def unreachable(self):
        """The patients lost to follow-up (their plans paused), page after page."""
        token = ""
        while True:
            page = self.call("kefu.v1.FollowUpService/ListUnreachable",
                             followup_pb2.ListUnreachableRequest(page_token=token))
            yield from page.patients
            token = page.next_page_token
            if not token:
                return

    # -- configuration ------------------------------------------------------------------------

    def settings(self):
        return self.call("kefu.v1.FollowUpConfigService/GetSettings")

    def update_settings(self, **fields):
        """Changes the named settings (max_attempts_per_window=2, fallback_channel=..., ...),
        keeping the others."""
        settings = self.settings()
        settings.ClearField("version")
        changes = _build(followup_pb2.FollowUpSettings, **fields)
        for name in fields:
            settings.ClearField(name)
        settings.MergeFrom(changes)
        return self.call("kefu.v1.FollowUpConfigService/UpdateSettings",
                         followup_pb2.UpdateSettingsRequest(settings=settings))

    def plan_rules(self):
        return list(self.call("kefu.v1.FollowUpConfigService/ListPlanRules").rules)

    def set_plan_rules(self, rules):
        """Replaces every plan rule: kefu.v1.PlanRule messages or dicts of their fields."""
        rules = [r if isinstance(r, followup_pb2.PlanRule) else _build(followup_pb2.PlanRule, **r)
                 for r in rules]
        return list(self.call("kefu.v1.FollowUpConfigService/SetPlanRules",
                              followup_pb2.SetPlanRulesRequest(rules=rules)).rules)

    def never_call(self):
        return self.call("kefu.v1.FollowUpConfigService/GetNeverCall")

    def set_never_call(self, departments=(), diagnosis_prefixes=()):
        """Replaces the never-call list; open plans it now covers close."""
        return self.call("kefu.v1.FollowUpConfigService/SetNeverCall", followup_pb2.SetNeverCallRequest(
            never_call=followup_pb2.NeverCallList(departments=list(departments),
                                                  diagnosis_prefixes=list(diagnosis_prefixes))))

    def calendar_year(self, year):
        return self.call("kefu.v1.FollowUpConfigService/GetCalendarYear",
                         followup_pb2.GetCalendarYearRequest(year=year))

    def set_calendar_year(self, year, days_off=(), working_days=()):
        """Replaces a year's calling calendar: holidays and weekdays off, worked weekend days."""
        calendar = followup_pb2.CalendarYear(year=year)
        for day in days_off:
            to_message(day, calendar.days_off.add())
        for day in working_days:
            to_message(day, calendar.working_days.add())
        return self.call("kefu.v1.FollowUpConfigService/SetCalendarYear",
                         followup_pb2.SetCalendarYearRequest(year=calendar))

    def staff(self):
        return list(self.call("kefu.v1.FollowUpConfigService/ListStaff").staff)

    def put_staff(self, id, *, name="", shifts=(), capacity_per_shift=0, active=True):  # noqa: A002
        """Adds a member of the follow-up team, or replaces the one with that id."""
        return self.call("kefu.v1.FollowUpConfigService/PutStaff", followup_pb2.PutStaffRequest(
            staff=followup_pb2.StaffMember(id=id, name=name, shifts=list(shifts),
                                           capacity_per_shift=capacity_per_shift, active=active)))

    def explain(self, task_id):
        return self.call("kefu.v1.FollowUpService/Explain", followup_pb2.ExplainRequest(task_id=task_id)).text

    def report(self, start, end, *, period="day", by=None):
        """The team's measures for the tasks due from `start` to `end` (datetime.date)."""
        request = followup_pb2.ReportRequest(
            period=_enum(followup_pb2.ReportPeriod, "REPORT_PERIOD_", period, "period"),
            by=_enum(followup_pb2.ReportBy, "REPORT_BY_", by, "by") if by else 0)
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
        yield from self._pages("kefu.v1.AuditService/ListAudit", audit_pb2.ListAuditRequest, filters)

    def _pages(self, method, request_type, filters):
        token = ""
        while True:
            page = self.call(method, _build(request_type, page_token=token, page_size=1000, **filters))
            yield from page.entries
            token = page.next_page_token
            if not token:
                return

    # Who may do what (AccessService). The host authenticates its users; kefu checks what the
    # session's actor may do, from the roles it holds.

    def access(self):
        """What this session's actor may do: kefu.v1.Access (enforced, roles, permissions)."""
        return self.call("kefu.v1.AccessService/GetAccess")

    def permissions(self):
        """Every permission, and the one each method requires (kefu.v1.ListPermissionsResponse)."""
        return self.call("kefu.v1.AccessService/ListPermissions")

    def roles(self):
        """The built-in roles, then the hospital's own."""
        return list(self.call("kefu.v1.AccessService/ListRoles").roles)

    def put_role(self, name, permissions, description=""):
        """Adds or replaces a role of the hospital's own."""
        return self.call("kefu.v1.AccessService/PutRole", access_pb2.PutRoleRequest(
            role=access_pb2.Role(name=name, permissions=list(permissions), description=description)))

    def remove_role(self, name):
        self.call("kefu.v1.AccessService/RemoveRole", access_pb2.RemoveRoleRequest(name=name))

    def actors(self, role="", include_inactive=False):
        return list(self.call("kefu.v1.AccessService/ListActors", access_pb2.ListActorsRequest(
            role=role, include_inactive=include_inactive)).actors)

    def actor(self, name):
        return self.call("kefu.v1.AccessService/GetActor", access_pb2.GetActorRequest(name=name))

    def put_actor(self, name, display_name="", *, kind="staff", disabled=False):
        """Registers (or changes) an actor: kind "staff" or "system"; disabled: denied everything."""
        actor = access_pb2.Actor(
            name=name, display_name=display_name,
            kind=_enum(access_pb2.ActorKind, "ACTOR_KIND_", kind, "kind"),
            state=access_pb2.ACTOR_STATE_DISABLED if disabled else access_pb2.ACTOR_STATE_ACTIVE)
        return self.call("kefu.v1.AccessService/PutActor", access_pb2.PutActorRequest(actor=actor))

    def grant(self, actor, role):
        return self.call("kefu.v1.AccessService/GrantRole",
                         access_pb2.GrantRoleRequest(actor=actor, role=role))

    def revoke(self, actor, role):
        return self.call("kefu.v1.AccessService/RevokeRole",
                         access_pb2.RevokeRoleRequest(actor=actor, role=role))

    def merge_actors(self, merged, survivor):
        return self.call("kefu.v1.AccessService/MergeActors",
                         access_pb2.MergeActorsRequest(merged=merged, survivor=survivor))

    def set_enforcement(self, enforced):
        """Turns the checking of permissions on (only an administrator may) or off."""
        return self.call("kefu.v1.AccessService/SetEnforcement",
                         access_pb2.SetEnforcementRequest(enforced=enforced))

    def access_log(self, **filters):
        """Every read of a patient's data in full matching the filters (patient_id, actor,
        from_ms, to_ms), in order."""
        yield from self._pages("kefu.v1.AuditService/ListAccessLog", audit_pb2.ListAccessLogRequest,
                               filters)

    def export_patient(self, mrn=None, id=None):  # noqa: A002 - the field's name
        """Everything the archive holds about one patient: kefu.v1.PatientDataExport."""
        request = (access_pb2.ExportPatientDataRequest(id=id) if id is not None
                   else access_pb2.ExportPatientDataRequest(mrn=mrn))
        return self.call("kefu.v1.AccessService/ExportPatientData", request)

    def clock(self):
        """The archive's time and zone (kefu.v1.GetClockResponse)."""
        return self.call("kefu.v1.SystemService/GetClock")


def _diagnosis(value):
    if isinstance(value, encounter_pb2.Diagnosis):
        return value
    code, _, text = value.partition(" ")
    return encounter_pb2.Diagnosis(icd10=code, text=text)


def _patient_from_fields(fields):
    fields = dict(fields)
    dates = {k: fields.pop(k) for k in ("birth_date", "death_date") if k in fields}
    phones = fields.pop("phones", [])
    patient = _build(patient_pb2.Patient, **fields)
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

    def __init__(self, path, durability="full", *, create=False, simulated_now=None, admin=None):
        """A missing file is kefu.NotFound unless create=True (":memory:" is always new).
        durability="full" (the default): every acknowledged call survives a power cut.
        "normal": faster commits; a power cut may undo the calls acknowledged just before it
        (for bulk loads that can be rerun). The archive stays consistent either way.
        simulated_now: a timezone-aware datetime.datetime at which the archive's clock stands
        (replaying a backlog, a demo in the past); set_clock() moves it. Never the default; every
        audit entry written under it records it.
        admin: the first administrator of an archive this creates; such an archive checks every
        session's permissions from the start (one made without it checks nothing until an
        administrator turns that on: Session.set_enforcement)."""
        if durability not in self._DURABILITY:
            raise ValueError("durability is %r: must be 'full' or 'normal'" % (durability,))
        self.path = str(path)
        self._handle = ctypes.c_void_p()
        options = maintenance_pb2.OpenOptions(durability=self._DURABILITY[durability],
                                              must_exist=not create, admin=admin or "")
        if simulated_now is not None:
            options.simulated_clock.now_ms = _epoch_ms(simulated_now, "simulated_now")
        data = options.SerializeToString()
        _native.lib.kefu_open_with_options(self.path.encode("utf-8"), data, len(data),
                                           ctypes.byref(self._handle))

    def session(self, actor):
        return Session(self, actor)

    def set_clock(self, now, actor="kefu-clock"):
        """Moves the simulated clock (an archive opened with simulated_now) to `now`, acting as
        `actor` (on an archive that checks permissions: one that holds maintenance.clock)."""
        with self.session(actor) as s:
            return s.call("kefu.v1.MaintenanceService/SetSimulatedClock",
                          maintenance_pb2.SetSimulatedClockRequest(now_ms=_epoch_ms(now, "now")))

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
