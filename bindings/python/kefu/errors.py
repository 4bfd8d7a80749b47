"""Exceptions for kefu's statuses: one class per status, all under kefu.Error, each carrying the
library's message (which names the field and the value at fault)."""


class Error(Exception):
    """A failed kefu call. `status` is the kefu_status value, `name` its name."""

    status = -1
    name = "KEFU_ERR_UNKNOWN"

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self):
        return f"{self.name}: {self.message}"


class InvalidArgument(Error):
    status, name = 1, "KEFU_ERR_INVALID_ARGUMENT"


class NotFound(Error):
    status, name = 2, "KEFU_ERR_NOT_FOUND"


class AlreadyExists(Error):
    status, name = 3, "KEFU_ERR_ALREADY_EXISTS"


class FailedPrecondition(Error):
    status, name = 4, "KEFU_ERR_FAILED_PRECONDITION"


class PermissionDenied(Error):
    status, name = 5, "KEFU_ERR_PERMISSION_DENIED"


class Unimplemented(Error):
    status, name = 6, "KEFU_ERR_UNIMPLEMENTED"


class IoError(Error):
    status, name = 7, "KEFU_ERR_IO"


class Corrupt(Error):
    status, name = 8, "KEFU_ERR_CORRUPT"


class Busy(Error):
    status, name = 9, "KEFU_ERR_BUSY"


class Internal(Error):
    status, name = 10, "KEFU_ERR_INTERNAL"


_BY_STATUS = {cls.status: cls for cls in (InvalidArgument, NotFound, AlreadyExists,
                                          FailedPrecondition, PermissionDenied, Unimplemented,
                                          IoError, Corrupt, Busy, Internal)}


def from_status(status, message):
    return _BY_STATUS.get(status, Error)(message)
