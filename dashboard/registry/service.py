"""The registry as the app and the CLI use it: the live frames, entry and correction from a form,
withdrawing, twinning records, logs, and the first-use import of the project's cited events.

Each write is one transaction that bumps the registry's version (so every process re-reads its frames)
and leaves audit rows (dashboard.registry.records). Form values go through the same validation as an
imported row (`importing.parse_cells`), so the messages are the same.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from dashboard import settings
from dashboard.registry import importing, reference_events
from dashboard.registry.database import bump_version, registry_engine
from dashboard.registry.frames import ActivityFrames, current_frames
from dashboard.registry.gazetteer import Gazetteer, Problem, gazetteer_for
from dashboard.registry.links import acceptable_source
from dashboard.registry.origins import REFERENCE_USER
from dashboard.registry.records import (
    KeyConflict,
    NotFound,
    TwinningRecord,
    activity_for_key,
    insert_activity,
    read_activity,
    record_twinning,
    set_withdrawn,
    update_activity,
)
from dashboard.registry.schema import registry_audit
from dashboard.registry.vocabulary import TWINNING_STATUSES

log = logging.getLogger(__name__)

EVENTS_CSV = settings.PROJECT_ROOT / "data" / "events.csv"
SEED_USER = REFERENCE_USER


class EntryRejected(Exception):
    """The form's values do not make a valid activity: [(column, Problem)]."""

    def __init__(self, problems: list[tuple[str, Problem]]):
        super().__init__("; ".join(f"{column}: {problem.code}" for column, problem in problems))
        self.problems = problems


# ---- reading --------------------------------------------------------------------------------------------

def live_frames(catalog=None, url: str | None = None) -> ActivityFrames:
    """The registry's frames; on first use (with a catalogue) the cited events are imported once."""
    if catalog is not None:
        seed_events(registry_engine(url), catalog)
    return current_frames(url)


def live_frames_or_none(catalog) -> ActivityFrames | None:
    """The registry's frames (`live_frames`), None when the registry cannot be read: the corridors
    page, its API and its exports then show the corridors without their activities."""
    try:
        return live_frames(catalog)
    except Exception:  # logged with its traceback; the corridors do without their activities
        log.exception("the registry cannot be read; the corridors are shown without activities")
        return None


def seed_events(engine, catalog, path=EVENTS_CSV) -> dict | None:
    """Bring data/events.csv into the registry as user 'system' (dashboard.registry.reference_events): on
    first use and whenever the file changed; rows a user withdrew or corrected stay as the user left them."""
    if not path.exists():
        return None
    stat = path.stat()
    seen = (str(engine.url), str(path), stat.st_mtime_ns, stat.st_size)
    if seen in _synced:
        return None
    with engine.connect() as connection:
        due = reference_events.needs_sync(connection, path.read_bytes())
    counts = None
    if due:
        try:
            counts = reference_events.sync_reference_events(engine, gazetteer_for(catalog), path)
        except IntegrityError:  # another process brought the same rows in at the same moment: theirs stand
            log.info("data/events.csv was brought in by another process meanwhile")
    _synced.add(seen)
    return counts


_synced: set[tuple] = set()


def activity_record(engine, activity_id: int) -> dict:
    """An activity's values and bookkeeping as JSON-ready text (for the correction form)."""
    with engine.connect() as connection:
        values, meta = read_activity(connection, activity_id)
    return {**values.as_record(), **{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in meta.items()}}


def audit_trail(engine, limit: int = 200, entity: str | None = None, entity_key: str | None = None) -> list[dict]:
    query = select(registry_audit).order_by(registry_audit.c.audit_id.desc()).limit(limit)
    if entity:
        query = query.where(registry_audit.c.entity == entity)
    if entity_key:
        query = query.where(registry_audit.c.entity_key == str(entity_key))
    with engine.connect() as connection:
        return [dict(row) for row in connection.execute(query).mappings()]


# ---- writing ---------------------------------------------------------------------------------------------

def save_activity(engine, gazetteer: Gazetteer, cells: dict[str, str], user: str,
                  activity_id: int | None = None, today: dt.date | None = None) -> tuple[int, dict]:
    """Create (activity_id None) or correct an activity from form cells (the import's columns).

    Returns (activity_id, changes). Raises EntryRejected (invalid values, or another activity has the
    same title, date and places) or NotFound.
    """
    with engine.begin() as connection:
        known = importing._known_pairs(connection)
        values, problems = importing.parse_cells(cells, gazetteer, known_pairs=known, today=today)
        if problems:
            raise EntryRejected(problems)
        owner = activity_for_key(connection, values.natural_key())
        if activity_id is None:
            if owner is not None:
                raise EntryRejected([("title", Problem("duplicate_activity", {"id": owner[0]}))])
            new_id = insert_activity(connection, values, user)
            bump_version(connection)
            return new_id, {name: (None, value) for name, value in values.as_record().items()}
        read_activity(connection, activity_id)  # NotFound if there is none
        try:
            changes = update_activity(connection, activity_id, values, user)
        except KeyConflict as conflict:
            raise EntryRejected([("title", Problem("duplicate_activity", {"id": conflict.activity_id}))]) from None
        if changes:
            bump_version(connection)
        return activity_id, changes


def withdraw_activity(engine, activity_id: int, user: str, withdrawn: bool = True) -> bool:
    with engine.begin() as connection:
        changed = set_withdrawn(connection, activity_id, withdrawn, user)
        if changed:
            bump_version(connection)
        return changed


def save_twinning_record(engine, gazetteer: Gazetteer, place_a: object, place_b: object, status: str,
                         user: str, year_signed: object = None, source_url: str | None = None,
                         notes: str | None = None, *, signed: object = None, status_changed: object = None,
                         status_source: str | None = None, sources: object = ()) -> dict:
    """Record (or correct) a twinning's life: status, signing date (`signed` YYYY[-MM[-DD]], or a year in
    `year_signed`), the date and source of the last change of status, and its sources; returns the changes."""
    problems: list[tuple[str, Problem]] = []
    ends = []
    for column, value in (("place_a", place_a), ("place_b", place_b)):
        place_id, problem = gazetteer.place(str(value or ""))
        if problem:
            problems.append((column, problem))
        ends.append(place_id)
    if not problems and ends[0] == ends[1]:
        problems.append(("place_b", Problem("twinning_format", {"value": f"{place_a} – {place_b}"})))
    if status not in TWINNING_STATUSES:
        problems.append(("status", Problem("unknown_status", {"value": status})))
    year = None
    if year_signed not in (None, ""):
        try:
            year = int(str(year_signed).strip())
        except ValueError:
            year = -1
        if not 1900 <= year <= dt.date.today().year:
            problems.append(("year_signed", Problem("bad_year", {"value": year_signed})))
    dates = {}
    for column, value in (("signed", signed), ("status_changed", status_changed)):
        text = str(value).strip() if value not in (None, "") else None
        if text is not None and not _partial_date_ok(text):
            problems.append((column, Problem("bad_date", {"value": value})))
        dates[column] = text
    listed = [sources] if isinstance(sources, str) else list(sources or ())
    addresses = [str(url).strip() for url in listed if str(url or "").strip()]
    for column, url in (("source_url", source_url), ("status_source", status_source),
                        *(("sources", url) for url in addresses)):
        if not acceptable_source(url):  # an http(s) address or words; never //host or javascript:
            problems.append((column, Problem("bad_source", {"value": url})))
    if problems:
        raise EntryRejected(problems)
    record = TwinningRecord(ends[0], ends[1], status, None if dates["signed"] else year,
                            (source_url or "").strip() or None, (notes or "").strip() or None,
                            signed=dates["signed"], status_changed=dates["status_changed"],
                            status_source=(status_source or "").strip() or None, sources=tuple(addresses))
    with engine.begin() as connection:
        changes = record_twinning(connection, record, user)
        if changes:
            bump_version(connection)
    return changes


def _partial_date_ok(text: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real day, from 1900 to today."""
    parts = text.split("-")
    if not (len(parts[0]) == 4 and all(len(p) == 2 for p in parts[1:]) and len(parts) <= 3
            and all(p.isdigit() for p in parts)):
        return False
    numbers = [int(p) for p in parts] + [1, 1]
    try:
        day = dt.date(*numbers[:3])
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= day <= dt.date.today()


__all__ = ["EntryRejected", "NotFound", "live_frames", "seed_events", "activity_record", "audit_trail",
           "save_activity", "withdraw_activity", "save_twinning_record"]
