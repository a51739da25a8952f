"""The bilateral meetings and forums that monitoring runs between (the Forums of Regions of Russia and
Belarus, the Forums of Twin Cities, ...): date, place, countries and source of each.

A report's default period is "since the last meeting of this pair" (`last_meeting`). The project's
cited meetings are seeded once from data/events.csv (`seed_meetings`): the rows of forums of exactly
two countries whose title names a Forum of Regions or a Forum of Twin Cities of the two.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import insert, select

from dashboard import settings
from dashboard.registry.database import bump_version, meta_value, set_meta_value
from dashboard.registry.importing import parse_date
from dashboard.registry.records import now, write_audit
from dashboard.registry.schema import meetings

MEETING_KINDS: tuple[str, ...] = ("forum", "meeting", "session")
EVENTS_CSV = settings.PROJECT_ROOT / "data" / "events.csv"
SEED_USER = "system"
#: titles of data/events.csv rows that are bilateral meetings the monitoring runs between
MEETING_TITLES = re.compile(r"\bForum of (Regions|Twin Cities) of (Russia and Belarus|Belarus and Russia)\b")
_PLACE_ID = re.compile(r"\[(\d+)\]")
COLUMNS = ["meeting_id", "title", "title_ru", "kind", "start_date", "end_date", "place_id", "place_name",
           "countries", "source_url", "notes"]


@dataclass(frozen=True)
class Meeting:
    title: str
    start_date: dt.date
    end_date: dt.date
    countries: tuple[str, ...]
    kind: str = "forum"
    title_ru: str | None = None
    place_id: int | None = None
    place_name: str | None = None
    source_url: str | None = None
    notes: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "countries", tuple(sorted({c.strip().upper() for c in self.countries if c})))
        if self.kind not in MEETING_KINDS:
            raise ValueError(f"unknown meeting kind {self.kind!r}: one of {', '.join(MEETING_KINDS)}")
        if self.end_date < self.start_date:
            raise ValueError("a meeting cannot end before it starts")

    def as_record(self) -> dict:
        record = asdict(self)
        record.update(start_date=self.start_date.isoformat(), end_date=self.end_date.isoformat(),
                      countries=list(self.countries))
        return record


def add_meeting(connection, meeting: Meeting, user: str, *, at: dt.datetime | None = None) -> int:
    """Record a meeting (inside the caller's transaction, audited); returns its id."""
    at = at or now()
    values = {**asdict(meeting), "countries": ";".join(meeting.countries)}
    meeting_id = int(connection.execute(insert(meetings).values(**values, created_at=at, created_by=user))
                     .inserted_primary_key[0])
    write_audit(connection, user=user, action="insert", entity="meeting", entity_key=str(meeting_id),
                new=meeting.as_record(), at=at)
    return meeting_id


def meetings_frame(engine) -> pd.DataFrame:
    """Every meeting, oldest first; `countries` as a tuple of ISO3 codes, dates as datetime64."""
    with engine.connect() as connection:
        rows = connection.execute(select(*(meetings.c[c] for c in COLUMNS))
                                  .order_by(meetings.c.start_date, meetings.c.meeting_id)).mappings().all()
    frame = pd.DataFrame([dict(row) for row in rows], columns=COLUMNS)
    frame["countries"] = [tuple(filter(None, (text or "").split(";"))) for text in frame["countries"]]
    for column in ("start_date", "end_date"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    return frame


def meetings_of(frame: pd.DataFrame, countries: tuple[str, ...]) -> pd.DataFrame:
    """The meetings of these countries: of exactly the pair for two, those including it for one."""
    wanted = set(countries)
    if not wanted:
        return frame.iloc[0:0]
    if len(wanted) == 1:
        keep = np.array([wanted <= set(c) for c in frame["countries"]], dtype=bool)
    else:
        keep = np.array([set(c) == wanted for c in frame["countries"]], dtype=bool)
    return frame[keep].reset_index(drop=True)


def last_meeting(frame: pd.DataFrame, countries: tuple[str, ...], before: dt.date) -> dict | None:
    """The last meeting of these countries that ended on or before `before` (None when there is none)."""
    chosen = meetings_of(frame, countries)
    chosen = chosen[chosen["end_date"] <= pd.Timestamp(before)]
    return None if chosen.empty else chosen.iloc[-1].to_dict()


def meetings_in_events(path: Path = EVENTS_CSV) -> list[Meeting]:
    """The cited bilateral meetings among the project's events (see the module doc)."""
    found = []
    with Path(path).open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            countries = tuple(c.strip() for c in row["countries"].split(";") if c.strip())
            if row["type"] != "forum" or len(countries) != 2 or not MEETING_TITLES.search(row["title"]):
                continue
            start = parse_date(row["start_date"])
            end = parse_date(row["end_date"]) if row["end_date"].strip() else start
            if start is None or end is None:
                continue
            place = row["places"].split(";")[0].strip()
            place_id = _PLACE_ID.search(place)
            found.append(Meeting(
                title=row["title"], title_ru=row.get("title_ru") or None, start_date=start[0], end_date=end[1],
                countries=countries, kind="forum", place_id=int(place_id[1]) if place_id else None,
                place_name=_PLACE_ID.sub("", place).strip() or None, source_url=row["source"] or None))
    return found


def seed_meetings(engine, path: Path = EVENTS_CSV) -> int:
    """Record the cited meetings once per registry (later runs do nothing); returns how many were added."""
    with engine.begin() as connection:
        if meta_value(connection, "meetings_seeded"):
            return 0
        known = {(title, start) for title, start in connection.execute(select(meetings.c.title, meetings.c.start_date))}
        added = 0
        for meeting in meetings_in_events(path):
            if (meeting.title, meeting.start_date) not in known:
                add_meeting(connection, meeting, SEED_USER)
                added += 1
        set_meta_value(connection, "meetings_seeded", dt.datetime.now().isoformat(timespec="seconds"))
        bump_version(connection)
    return added
