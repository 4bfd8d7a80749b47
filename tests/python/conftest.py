import datetime

import pytest

import kefu


@pytest.fixture
def archive():
    with kefu.open(":memory:") as a:
        yield a


@pytest.fixture
def session(archive):
    with archive.session("nurse-0042") as s:
        yield s


@pytest.fixture
def today():
    return kefu.today()


def days_ago(n):
    return kefu.today() - datetime.timedelta(days=n)
