"""Bloc membership as of a date: pure functions of the memberships frame.

The frame has one row per period of a country's status in a bloc: `org` (the bloc code), `iso3`, `status`,
`since`, `until` (inclusive; empty while current), `note`, `source`. Dates are ISO text at the precision the
source gives: "2023-07-04", "2015-07" or "2004" (whole years also arrive as numbers from older frames).

A partial date is read as the days it certainly covers: a period holds from the LAST day of a partial
`since` ("2004" → 31 Dec 2004) up to the FIRST day of a partial `until` ("2015-07" → 1 Jul 2015). So a
period never claims a day its source does not support, and a period ending "2015-07" does not overlap the
next one starting "2015-07".

Statuses counted by default ("who is in the bloc"): members, associate members and the partner-like
statuses (partner, observer, dialogue partner). Applicants and former members are not counted unless asked for.
"""

from __future__ import annotations

import calendar
import numbers
import re
from datetime import date

import pandas as pd

BLOCS = ("SCO", "BRICS", "EAEU", "CIS", "UNION_STATE")
STATUSES = ("member", "associate_member", "partner", "observer", "dialogue_partner", "applicant",
            "former_member")
DEFAULT_STATUSES = ("member", "associate_member", "partner", "observer", "dialogue_partner")

_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_range(value) -> tuple[date, date] | None:
    """(first day, last day) covered by a date at year, month or day precision; None for an empty value.

    Raises ValueError saying what was expected for anything else ("2023-13-01", "4 July 2023").
    """
    if value is None or value is pd.NA or (isinstance(value, numbers.Real) and pd.isna(value)):
        return None
    if isinstance(value, numbers.Real) and float(value).is_integer():  # a whole year from an older frame
        value = str(int(float(value)))
    text = str(value).strip()
    if not text:
        return None
    match = _PARTIAL_DATE.fullmatch(text)
    if match is None:
        raise ValueError(f"expected a date YYYY-MM-DD, YYYY-MM or YYYY, found {text!r}")
    year = int(match.group(1))
    month, day = (int(part) if part else None for part in match.groups()[1:])
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        exact = date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"expected a date YYYY-MM-DD, YYYY-MM or YYYY, found {text!r} ({exc})") from None
    return exact, exact


def precision(value) -> str | None:
    """'day', 'month' or 'year' for a date as written in the table; None for an empty value."""
    covered = date_range(value)
    if covered is None:
        return None
    first, last = covered
    if first == last:
        return "day"
    return "month" if first.month == last.month else "year"


def certain_period(since, until) -> tuple[date, date]:
    """The days a period certainly holds (see the module docstring); an empty `since` or `until` is open."""
    start, end = date_range(since), date_range(until)
    return (start[1] if start else date.min), (end[0] if end else date.max)


def as_date(on_date) -> date:
    """A date from a date or 'YYYY-MM-DD' text (ValueError otherwise)."""
    if isinstance(on_date, date):
        return on_date
    covered = date_range(on_date)
    if covered is None or covered[0] != covered[1]:
        raise ValueError(f"expected a day YYYY-MM-DD, found {on_date!r}")
    return covered[0]


def in_force_on(memberships: pd.DataFrame, on_date=None) -> pd.DataFrame:
    """The rows whose period holds on `on_date` (default: today). A frame without `since`/`until`
    columns (a small hand-made one) is read as today's."""
    if "since" not in memberships.columns or "until" not in memberships.columns:
        return memberships
    day = as_date(on_date) if on_date is not None else date.today()
    holds = [start <= day <= end for start, end in
             (certain_period(since, until) for since, until in zip(memberships["since"], memberships["until"]))]
    return memberships[pd.Series(holds, index=memberships.index, dtype=bool)]


def members_on(memberships: pd.DataFrame, bloc: str, on_date=None,
               statuses: tuple[str, ...] | list[str] | None = None) -> pd.DataFrame:
    """The rows of `bloc` in force on `on_date` (default today) with one of `statuses`
    (default DEFAULT_STATUSES), sorted by iso3: iso3, status, since, until, source per country."""
    wanted = tuple(statuses) if statuses is not None else DEFAULT_STATUSES
    rows = memberships[memberships["org"].eq(bloc) & memberships["status"].isin(wanted)]
    return in_force_on(rows, on_date).sort_values("iso3", kind="stable")


def status_on(memberships: pd.DataFrame, bloc: str, iso3: str, on_date=None) -> str | None:
    """The status of `iso3` in `bloc` on `on_date` (default today), any status, or None."""
    rows = in_force_on(memberships[memberships["org"].eq(bloc) & memberships["iso3"].eq(iso3)], on_date)
    return str(rows["status"].iloc[0]) if len(rows) else None


def member_codes(memberships: pd.DataFrame, bloc: str, on_date=None,
                 statuses: tuple[str, ...] | list[str] | None = None) -> set[str]:
    """ISO3 codes of members_on(...)."""
    return set(members_on(memberships, bloc, on_date, statuses)["iso3"])
