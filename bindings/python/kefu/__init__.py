"""kefu for Python: the hospital follow-up engine, through its stable C ABI.

    import kefu, datetime
    with kefu.open("hospital.db") as archive, archive.session("nurse-0042") as s:
        s.create_patient(mrn="H1", name="张伟", phones=["13800000001"])
        s.discharge("H1", datetime.date(2026, 11, 20), admitted=datetime.date(2026, 11, 10),
                    department="心内科", diagnoses=["I10 高血压"])
        for item in s.worklist().items: ...

    kefu.Cadence.builtin("standard").next_many(anchors, datetime.date.today())
"""
from . import _native
from .archive import METHODS, Archive, Session, today
from .cadence import Cadence, Window, Windows
from .dates import MAX_DATE, MIN_DATE, from_day, from_message, to_day, to_message
from .errors import (AlreadyExists, Busy, Corrupt, Error, FailedPrecondition, Internal,
                     InvalidArgument, IoError, NotFound, PermissionDenied, Unimplemented)

ABI_VERSION = _native.ABI_VERSION
__version__ = _native.lib.kefu_version().decode()


def open(path, durability="full"):  # noqa: A001 - kefu.open, as the package's front door
    """Opens (creating if needed) the archive at `path`; use it as a context manager.
    durability: "full" (the default) or "normal" (see Archive)."""
    return Archive(path, durability=durability)


def library_version():
    return __version__
