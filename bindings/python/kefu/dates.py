"""Days as kefu counts them (int day numbers since 1970-01-01) and as Python does (datetime.date)."""
import datetime

EPOCH = datetime.date(1970, 1, 1)
MIN_DATE = datetime.date(1900, 1, 1)
MAX_DATE = datetime.date(2200, 12, 31)


def to_day(value):
    """A datetime.date (or a day number) as a day number."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return (value - EPOCH).days
    if isinstance(value, int):
        return value
    raise TypeError(f"expected a datetime.date, got {type(value).__name__}")


def from_day(day):
    return EPOCH + datetime.timedelta(days=day)


def to_message(value, message):
    """Fills a kefu.v1.Date message from a datetime.date."""
    message.year, message.month, message.day = value.year, value.month, value.day
    return message


def from_message(message):
    """A kefu.v1.Date message as a datetime.date, or None when unset."""
    if message.year == 0:
        return None
    return datetime.date(message.year, message.month, message.day)
