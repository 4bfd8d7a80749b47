"""kefu for Python: the hospital follow-up engine, through its stable C ABI.

    import kefu, datetime
    with kefu.open("hospital.db", create=True) as archive, archive.session("nurse-0042") as s:
        s.create_patient(mrn="H1", name="张伟", phones=["13800000001"])
        s.discharge("H1", datetime.date(2026, 11, 20), admitted=datetime.date(2026, 11, 10),
                    department="心内科", diagnoses=["I10 高血压"])
        for item in s.worklist().items: ...

    kefu.Cadence.builtin("standard").next_many(anchors, datetime.date.today())
"""
from . import _native
from .archive import METHODS, Archive, Session, today
from .cadence import Cadence, Window, Windows
from .enums import *  # noqa: F401,F403 - PlanState, TaskState, CallOutcome, PatientStatus, ...
from .enums import __all__ as ENUMS
from .dates import MAX_DATE, MIN_DATE, from_day, from_message, to_day, to_message
from .errors import (AlreadyExists, Busy, Corrupt, Error, FailedPrecondition, Internal,
                     InvalidArgument, IoError, NotFound, PermissionDenied, Unimplemented)

ABI_VERSION = _native.ABI_VERSION
__version__ = _native.lib.kefu_version().decode()


def open(path, durability="full", *, create=False, simulated_now=None, admin=None):  # noqa: A001
    """Opens the archive at `path` (":memory:" for a throwaway one); use it as a context manager.
    A missing file is kefu.NotFound unless create=True: a mistyped path never becomes a new,
    empty archive. durability: "full" (the default) or "normal"; simulated_now: a
    datetime.datetime to run the archive on a clock of your own; admin: the first administrator
    of an archive this creates, which then checks permissions from the start (see Archive)."""
    return Archive(path, durability=durability, create=create, simulated_now=simulated_now,
                   admin=admin)


def library_version():
    return __version__
