"""kefu.v1's enums as Python IntEnums, named without their prefix: kefu.PlanState.OPEN,
kefu.CallOutcome.NO_ANSWER, kefu.PatientStatus.DECEASED. They compare equal to the integers the
messages hold, so `plan.state == kefu.PlanState.OPEN` reads as it means, and
`kefu.TaskState(task.state).name` gives "DONE"."""
import enum
import re

from .v1 import (audit_pb2, cadence_pb2, common_pb2, encounter_pb2, followup_pb2,  # noqa: F401
                 maintenance_pb2, patient_pb2, system_pb2, timeline_pb2)

_MODULES = (cadence_pb2, common_pb2, encounter_pb2, followup_pb2, maintenance_pb2, patient_pb2,
            timeline_pb2)


def _prefix(name):
    """"CallOutcome" -> "CALL_OUTCOME_", as protobuf's style prefixes enum values."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper() + "_"


def _enums():
    found = {}
    for module in _MODULES:
        for descriptor in module.DESCRIPTOR.enum_types_by_name.values():
            prefix = _prefix(descriptor.name)
            members = {value.name[len(prefix):] if value.name.startswith(prefix) else value.name: value.number
                       for value in descriptor.values}
            found[descriptor.name] = enum.IntEnum(descriptor.name, members, module=__name__)
    return found


globals().update(_enums())
__all__ = sorted(_enums())
