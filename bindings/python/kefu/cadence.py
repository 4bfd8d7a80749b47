"""The cadence engine without an archive: built-in or custom policies, expanded or queried for
the next window, one anchor at a time or a whole batch in one call across the C ABI."""
import array
import collections
import ctypes
import json

from . import _native
from .dates import from_day, to_day

Window = collections.namedtuple("Window", "seq opens due")
Window.__doc__ = "A contact window: its number in the cadence (from 1), and the days it opens and is due."


class Windows:
    """The windows of many anchors, as the batch call returned them: indexable (a Window, or None
    where the cadence has ended) and with day-number views for bulk work."""

    def __init__(self, raw, count):
        self._raw = raw
        self._count = count

    def __len__(self):
        return self._count

    def __getitem__(self, index):
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        w = self._raw[index]
        return Window(w.seq, from_day(w.opens), from_day(w.due)) if w.seq else None

    def __iter__(self):
        return (self[i] for i in range(self._count))

    def _column(self, offset):
        ints = memoryview(self._raw).cast("B").cast("i")
        return ints[offset::4]

    def seqs(self):
        """Each anchor's contact number (0 where ended), as a memoryview of int32."""
        return self._column(0)

    def due_days(self):
        """Each anchor's due day number, as a memoryview of int32."""
        return self._column(2)


class Cadence:
    """A compiled cadence policy. Immutable; safe to share between threads."""

    def __init__(self, handle):
        self._handle = ctypes.c_void_p(handle)

    @classmethod
    def builtin(cls, name):
        """"standard", "out-of-town" or "local"."""
        handle = ctypes.c_void_p()
        _native.lib.kefu_cadence_builtin(name.encode("utf-8"), ctypes.byref(handle))
        return cls(handle.value)

    @classmethod
    def from_policy(cls, policy):
        """A policy as a kefu.v1.CadencePolicy message, a dict or a JSON string (protobuf's JSON)."""
        handle = ctypes.c_void_p()
        if isinstance(policy, (dict, str)):
            text = policy if isinstance(policy, str) else json.dumps(policy)
            _native.lib.kefu_cadence_parse_json(text.encode("utf-8"), ctypes.byref(handle))
        else:
            data = policy.SerializeToString()
            _native.lib.kefu_cadence_parse(data, len(data), ctypes.byref(handle))
        return cls(handle.value)

    def __del__(self):
        if getattr(self, "_handle", None) and self._handle.value:
            _native.lib.kefu_cadence_free(self._handle)
            self._handle = None

    def expand(self, anchor, n):
        """The first n windows for a discharge on `anchor` (fewer when the cadence ends)."""
        out = (_native.Window * n)()
        written = ctypes.c_size_t()
        _native.lib.kefu_cadence_expand(self._handle, to_day(anchor), out, n, ctypes.byref(written))
        return [Window(w.seq, from_day(w.opens), from_day(w.due)) for w in out[: written.value]]

    def next(self, anchor, on_or_after):
        """The first window due on or after a day, or None once the cadence has ended."""
        out = _native.Window()
        status = _native.lib.kefu_cadence_next(self._handle, to_day(anchor), to_day(on_or_after),
                                               ctypes.byref(out))
        if status == 2:  # KEFU_ERR_NOT_FOUND: ended
            return None
        _native._check(status, None, None)
        return Window(out.seq, from_day(out.opens), from_day(out.due))

    def next_many(self, anchors, on_or_after):
        """next() for many anchors in one call across the C ABI. `anchors` is a sequence of
        datetime.date, or any buffer of int32 day numbers (array('i'), a numpy int32 array, a
        memoryview), which is used without copying."""
        try:
            view = memoryview(anchors)
            if view.format not in ("i", "=i", "<i") or view.itemsize != 4 or not view.c_contiguous:
                raise TypeError
        except TypeError:
            view = memoryview(array.array("i", (to_day(a) for a in anchors)))
        count = view.nbytes // 4
        out = (_native.Window * count)()
        address = ctypes.addressof(ctypes.c_char.from_buffer(view)) if count and not view.readonly else None
        if count and view.readonly:
            copy = (ctypes.c_int32 * count).from_buffer_copy(view)
            address = ctypes.addressof(copy)
        _native.lib.kefu_cadence_next_batch(self._handle, address, count, to_day(on_or_after),
                                            ctypes.addressof(out) if count else None)
        return Windows(out, count)
