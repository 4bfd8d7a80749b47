"""The cadence from Python: dates at month ends, the batch path against the one-at-a-time path,
and the `standard` policy against an independent pure-Python computation."""
import array
import calendar
import datetime
import random

import pytest

import kefu

D = datetime.date


def add_months(day, months):
    """Clamped month arithmetic, written independently of kefu."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return D(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def standard_windows(anchor, n):
    out = []
    for offset in (7, 21, 42, 70):
        due = anchor + datetime.timedelta(days=offset)
        out.append((len(out) + 1, max(due - datetime.timedelta(days=6), anchor), due))
    base = anchor + datetime.timedelta(days=70)
    r = 1
    while len(out) < n:
        due = add_months(base, 3 * r)
        out.append((len(out) + 1, due - datetime.timedelta(days=6), due))
        r += 1
    return out


def test_builtin_expand_clamps_month_ends_without_drift():
    windows = kefu.Cadence.builtin("standard").expand(D(2026, 3, 22), 8)
    assert [w.due for w in windows[4:]] == [D(2026, 8, 31), D(2026, 11, 30), D(2027, 2, 28), D(2027, 5, 31)]
    local = kefu.Cadence.builtin("local").expand(D(2024, 1, 31), 10)
    assert [(w.opens, w.due) for w in local] == [
        (D(2024, 2, 1), D(2024, 2, 7)), (D(2024, 2, 23), D(2024, 2, 29)), (D(2024, 7, 25), D(2024, 7, 31))]


def test_next_and_the_end_of_a_cadence():
    standard = kefu.Cadence.builtin("standard")
    assert standard.next(D(2026, 1, 31), D(2026, 11, 23)) == kefu.Window(7, D(2027, 1, 5), D(2027, 1, 11))
    assert kefu.Cadence.builtin("out-of-town").next(D(2026, 1, 31), D(2026, 3, 1)) is None


def test_standard_matches_an_independent_computation_for_thousands_of_anchors():
    rng = random.Random(7)
    standard = kefu.Cadence.builtin("standard")
    for _ in range(3000):
        anchor = D(1990, 1, 1) + datetime.timedelta(days=rng.randrange(0, 60 * 365))
        expected = standard_windows(anchor, 12)
        got = [(w.seq, w.opens, w.due) for w in standard.expand(anchor, 12)]
        assert got == expected, anchor
        day = anchor + datetime.timedelta(days=rng.randrange(-10, 2000))
        first = next(w for w in standard_windows(anchor, 40) if w[2] >= day)
        assert tuple(standard.next(anchor, day)) == first


def test_batch_equals_one_at_a_time_for_dates_and_buffers():
    rng = random.Random(11)
    standard = kefu.Cadence.builtin("standard")
    today = D(2026, 11, 23)
    anchors = [D(2021, 1, 1) + datetime.timedelta(days=rng.randrange(0, 2200)) for _ in range(5000)]
    batch = standard.next_many(anchors, today)
    assert len(batch) == 5000
    assert list(batch) == [standard.next(a, today) for a in anchors]
    days = array.array("i", (kefu.to_day(a) for a in anchors))
    buffered = standard.next_many(days, today)
    assert list(buffered.due_days()) == [kefu.to_day(w.due) for w in batch]
    assert list(standard.next_many([], today)) == []


def test_custom_policies_from_dict_json_and_message():
    from kefu.v1 import cadence_pb2
    policy = {"steps": [{"offset": {"amount": 1, "unit": "TIME_UNIT_MONTHS"}, "opensDaysBefore": 3}]}
    assert kefu.Cadence.from_policy(policy).expand(D(2026, 1, 31), 3) == [kefu.Window(1, D(2026, 2, 25), D(2026, 2, 28))]
    message = cadence_pb2.CadencePolicy()
    message.steps.add(offset=cadence_pb2.Offset(amount=2, unit=cadence_pb2.TIME_UNIT_WEEKS))
    assert kefu.Cadence.from_policy(message).expand(D(2026, 1, 1), 1)[0].due == D(2026, 1, 15)


def test_errors_carry_the_library_message():
    with pytest.raises(kefu.NotFound) as error:
        kefu.Cadence.builtin("weekly")
    assert error.value.message == 'builtin is "weekly": no built-in policy of that name (standard, out-of-town, local)'
    assert isinstance(error.value, kefu.Error)
    with pytest.raises(kefu.InvalidArgument, match=r"anchor is day -25568 \(1899-12-31\)"):
        kefu.Cadence.builtin("standard").expand(D(1899, 12, 31), 1)
    with pytest.raises(kefu.InvalidArgument, match=r"anchors\[1\] is day"):
        kefu.Cadence.builtin("standard").next_many([D(2026, 1, 1), D(2201, 1, 1)], D(2026, 1, 1))
    with pytest.raises(kefu.InvalidArgument, match="steps is empty"):
        kefu.Cadence.from_policy({"steps": []})
