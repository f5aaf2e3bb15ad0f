"""Date-time groups: when a telegram was sent, as "YYYY-MM-DDTHH:MM"."""

from __future__ import annotations

import re
from datetime import datetime

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("JAN", "JANUARY"),
            ("FEB", "FEBRUARY"),
            ("MAR", "MARCH"),
            ("APR", "APRIL"),
            ("MAY",),
            ("JUN", "JUNE"),
            ("JUL", "JULY"),
            ("AUG", "AUGUST"),
            ("SEP", "SEPT", "SEPTEMBER"),
            ("OCT", "OCTOBER"),
            ("NOV", "NOVEMBER"),
            ("DEC", "DECEMBER"),
        ),
        start=1,
    )
    for name in names
}

# "O 051131Z AUG 07" (precedence, day-hour-minute Zulu, month, year; "O R ..." for two
# precedences, trailing operating signals like "ZDK") or a bare
# "201247Z Jan 04" as in early partial extracts.
_MILITARY = re.compile(
    r"[ \t]*(?:[OPRZ]{1,2}(?:[ \t]+[OPRZ]{1,2})?[ \t]+)?"
    r"(\d\d)(\d\d)(\d\d)Z[ \t]+([A-Za-z]{3,9})[ \t]+"
    r"(\d{4}|\d\d)(?:[ \t]+[^ \t\n][^\n]{0,40})?[ \t]*$"
)
# "Tuesday, 20 January 2004, 09:44" as in some extracts.
_SPELLED = re.compile(
    r"[ \t]*[A-Za-z]+day,?[ \t]+(\d{1,2})[ \t]+([A-Za-z]{3,9})[ \t]+(\d{4}),?"
    r"[ \t]+(\d\d?):(\d\d)[ \t]*$"
)


def full_year(year: str) -> int:
    """'07' -> 2007, '75' -> 1975 (the archive spans 1966-2010)."""
    value = int(year)
    if len(year) == 4:
        return value
    return 1900 + value if value >= 60 else 2000 + value


def _format(year: int, month: int, day: int, hour: int, minute: int) -> str | None:
    try:
        moment = datetime(year, month, day, hour, minute)
    except ValueError:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M")


def parse_dtg_line(line: str) -> str | None:
    """The date of a line that is nothing but a date-time group, else None."""
    if len(line) > 60:
        return None
    match = _MILITARY.match(line)
    if match:
        day, hour, minute, month, year = match.groups()
        number = MONTHS.get(month.upper())
        if number is None:
            return None
        return _format(full_year(year), number, int(day), int(hour), int(minute))
    match = _SPELLED.match(line)
    if match:
        day, month, year, hour, minute = match.groups()
        number = MONTHS.get(month.upper())
        if number is None:
            return None
        return _format(int(year), number, int(day), int(hour), int(minute))
    return None
