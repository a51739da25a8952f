"""The project's cited table of bloc memberships (data/memberships.csv), read and checked for the store.

One row per period of a country's status in a bloc; columns:

    bloc          SCO, BRICS, EAEU, CIS or UNION_STATE
    country_iso3  Natural Earth ADM0_A3
    status        member, associate_member, partner, observer, dialogue_partner, applicant, former_member
    since         first day, YYYY-MM-DD; YYYY-MM or YYYY where the source gives no day (say so in `note`)
    until         last day, same forms; empty while the status holds
    note          what the source says, and how precise the dates are
    source        exactly one http(s) address, preferably the bloc's own site or a national news agency

A bad row stops the build with an InputError naming the file, the row, the column and the reason. The
store keeps the bloc code in column `org` and the country in `iso3`, as the rest of the store does.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NoReturn

import pandas as pd

from dashboard.store.blocs import BLOCS, STATUSES, certain_period, date_range
from geo.errors import InputError
from geo.tables import read_csv_checked

COLUMNS = ["bloc", "country_iso3", "status", "since", "until", "note", "source"]


def _is_one_address(text: str) -> bool:
    return (text.startswith(("http://", "https://")) and not any(ch.isspace() for ch in text)
            and text.count("://") == 1)


def _check_rows(path: Path, frame: pd.DataFrame, known_iso3: set[str]) -> None:
    for position, row in enumerate(frame.itertuples(index=False)):
        number = position + 2  # the header is row 1

        def refuse(column: str, reason: str, number: int = number) -> NoReturn:
            raise InputError(path, reason, row=number, column=column)

        if row.bloc not in BLOCS:
            refuse("bloc", f"unknown bloc {row.bloc!r}; expected one of {', '.join(BLOCS)}")
        if row.country_iso3 not in known_iso3:
            refuse("country_iso3", f"unknown country {row.country_iso3!r}; expected a Natural Earth ADM0_A3 code")
        if row.status not in STATUSES:
            refuse("status", f"unknown status {row.status!r}; expected one of {', '.join(STATUSES)}")
        if not row.since.strip():
            refuse("since", "missing date: every period needs its first day (YYYY-MM-DD, YYYY-MM or YYYY)")
        covered: dict[str, tuple[date, date] | None] = {}
        for column in ("since", "until"):
            try:
                covered[column] = date_range(getattr(row, column))
            except ValueError as exc:
                refuse(column, str(exc))
        since, until = covered["since"], covered["until"]
        if since is not None and until is not None and until[1] < since[0]:
            refuse("until", f"until {row.until} is before since {row.since}")
        if not row.source.strip():
            refuse("source", "missing source: every row needs the address of the page it rests on")
        if not _is_one_address(row.source.strip()):
            refuse("source", f"expected exactly one http(s) address, found {row.source!r}")


def _check_overlaps(path: Path, frame: pd.DataFrame) -> None:
    """Two periods of the same bloc and country must not share a day."""
    periods = frame.assign(row=range(2, len(frame) + 2))
    periods["start"], periods["end"] = zip(*(certain_period(s, u) for s, u in zip(frame["since"], frame["until"])))
    for _, group in periods.sort_values(["start", "row"]).groupby(["bloc", "country_iso3"], sort=False):
        previous = None
        for current in group.itertuples(index=False):
            if previous is not None and current.start <= previous.end:
                ended = previous.until or "open"
                raise InputError(
                    path, f"period overlaps row {previous.row} ({previous.bloc} {previous.country_iso3} "
                          f"{previous.status} {previous.since} to {ended}) for the same bloc and country",
                    row=current.row, column="since")
            if previous is None or current.end > previous.end:
                previous = current


def read_memberships(path: Path, known_iso3: set[str]) -> pd.DataFrame:
    """The checked table as the store keeps it: org, iso3, status, since, until, note, source
    (dates as written; an empty until or note is None)."""
    frame = read_csv_checked(path, COLUMNS).fillna("")
    frame = frame.apply(lambda column: column.str.strip())
    _check_rows(path, frame, known_iso3)
    _check_overlaps(path, frame)
    out = frame[COLUMNS].rename(columns={"bloc": "org", "country_iso3": "iso3"})
    for column in ("until", "note"):
        out[column] = pd.Series([value or None for value in out[column]], index=out.index, dtype=object)
    return out.reset_index(drop=True)
