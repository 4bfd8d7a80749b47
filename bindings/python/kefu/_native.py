"""The C ABI of libkefu, declared once: every function with its argument and result types and the
check that turns a failed status into an exception. Everything in the package goes through here.
"""
import ctypes
import ctypes.util
import os
import pathlib

from . import errors

ABI_VERSION = 1


class Window(ctypes.Structure):
    """kefu_window: a contact window, as day numbers."""

    _fields_ = [("seq", ctypes.c_int32), ("opens", ctypes.c_int32), ("due", ctypes.c_int32),
                ("reserved", ctypes.c_int32)]


class Buffer(ctypes.Structure):
    """kefu_buffer: bytes owned by the library, released with kefu_buffer_free."""

    _fields_ = [("data", ctypes.POINTER(ctypes.c_uint8)), ("size", ctypes.c_size_t)]


def _candidates():
    """Where libkefu may be: KEFU_LIBRARY, the build tree this package was copied into, the
    installed prefix next to the package, then the system's search path."""
    explicit = os.environ.get("KEFU_LIBRARY")
    if explicit:
        yield explicit
        return
    here = pathlib.Path(__file__).resolve().parent
    for up in (here.parent.parent, here.parent.parent.parent):  # build/python/kefu -> build
        yield str(up / "src" / "libkefu.so.1")
    for up in here.parents:  # <prefix>/lib/python3/dist-packages/kefu -> <prefix>/lib
        if up.name == "lib" or up.name.startswith("lib"):
            yield str(up / "libkefu.so.1")
    found = ctypes.util.find_library("kefu")
    yield found or "libkefu.so.1"


def _load():
    tried = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            tried.append(path)
            continue
        try:
            return ctypes.CDLL(path)
        except OSError as error:
            tried.append(f"{path} ({error})")
    raise ImportError("kefu: libkefu.so.1 not found; set KEFU_LIBRARY to its path. Tried: " +
                      ", ".join(tried))


lib = _load()


def _check(status, function, arguments):
    if status != 0:
        raise errors.from_status(status, lib.kefu_last_error().decode("utf-8", "replace"))
    return status


_c = ctypes
_P = ctypes.POINTER
_FUNCTIONS = [
    # name, argument types, result type, error check
    ("kefu_abi_version", [], _c.c_int, None),
    ("kefu_version", [], _c.c_char_p, None),
    ("kefu_status_name", [_c.c_int], _c.c_char_p, None),
    ("kefu_last_error", [], _c.c_char_p, None),
    ("kefu_date_from_ymd", [_c.c_int, _c.c_int, _c.c_int, _P(_c.c_int32)], _c.c_int, _check),
    ("kefu_date_to_ymd", [_c.c_int32, _P(_c.c_int), _P(_c.c_int), _P(_c.c_int)], _c.c_int, _check),
    ("kefu_cadence_builtin", [_c.c_char_p, _P(_c.c_void_p)], _c.c_int, _check),
    ("kefu_cadence_parse", [_c.c_char_p, _c.c_size_t, _P(_c.c_void_p)], _c.c_int, _check),
    ("kefu_cadence_parse_json", [_c.c_char_p, _P(_c.c_void_p)], _c.c_int, _check),
    ("kefu_cadence_free", [_c.c_void_p], None, None),
    ("kefu_cadence_expand", [_c.c_void_p, _c.c_int32, _P(Window), _c.c_size_t, _P(_c.c_size_t)],
     _c.c_int, _check),
    ("kefu_cadence_next", [_c.c_void_p, _c.c_int32, _c.c_int32, _P(Window)], _c.c_int, None),
    ("kefu_cadence_next_batch", [_c.c_void_p, _c.c_void_p, _c.c_size_t, _c.c_int32, _c.c_void_p],
     _c.c_int, _check),
    ("kefu_open", [_c.c_char_p, _P(_c.c_void_p)], _c.c_int, _check),
    ("kefu_open_with_options", [_c.c_char_p, _c.c_char_p, _c.c_size_t, _P(_c.c_void_p)], _c.c_int,
     _check),
    ("kefu_close", [_c.c_void_p], None, None),
    ("kefu_session_open", [_c.c_void_p, _c.c_char_p, _P(_c.c_void_p)], _c.c_int, _check),
    ("kefu_session_close", [_c.c_void_p], None, None),
    ("kefu_call", [_c.c_void_p, _c.c_char_p, _c.c_char_p, _c.c_size_t, _P(Buffer)], _c.c_int, _check),
    ("kefu_call_json", [_c.c_void_p, _c.c_char_p, _c.c_char_p, _P(Buffer)], _c.c_int, _check),
    ("kefu_buffer_free", [_P(Buffer)], None, None),
]

for _name, _arguments, _result, _errcheck in _FUNCTIONS:
    _function = getattr(lib, _name)
    _function.argtypes = _arguments
    _function.restype = _result
    if _errcheck is not None:
        _function.errcheck = _errcheck

if lib.kefu_abi_version() != ABI_VERSION:
    raise ImportError(
        f"kefu: the library at {lib._name} has ABI version {lib.kefu_abi_version()}, "
        f"but this package speaks ABI version {ABI_VERSION}; install matching versions")


def take_bytes(buffer):
    """The bytes of a library buffer, which is then released."""
    try:
        return ctypes.string_at(buffer.data, buffer.size) if buffer.data else b""
    finally:
        lib.kefu_buffer_free(ctypes.byref(buffer))
