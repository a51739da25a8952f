"""The project's cited events (data/events.csv) in a registry, kept up to date without undoing users' work.

The events are written by the user REFERENCE_USER (so their origin is "reference",
dashboard.registry.origins). Each row of the file has a stable `event_id`; the registry remembers it as
the key 'reference:<event_id>' beside the activity's other keys (activity_keys), so no schema change is
needed. Whenever the file differs from the one last brought in (its SHA-256 in registry_meta):

- a row whose key is known: its activity is updated to the row, unless a user withdrew it (it stays
  withdrawn) or corrected it (the correction stands);
- a row whose key is new: the activity an earlier import made of it is looked up - by the row's natural
  key (title, date, places), else among the reference activities, withdrawn ones included, with the same
  start date and type and a place in common (registries seeded before the ids existed, whose rows were
  reworded since) - and adopted under the key as above; only when there is none is a new activity added.

So a row a user deleted is never brought back, and running it twice changes nothing. The whole pass is
one transaction, logged in registry_imports (origin "seed") and audited like any import.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from pathlib import Path

from sqlalchemy import and_, insert, select, update

from dashboard.registry import importing
from dashboard.registry.database import bump_version, meta_value, set_meta_value
from dashboard.registry.gazetteer import Gazetteer
from dashboard.registry.origins import REFERENCE_USER
from dashboard.registry.reading import ImportRefused, read_upload
from dashboard.registry.records import (
    ActivityValues,
    KeyConflict,
    activity_for_key,
    insert_activity,
    read_activity,
    remember_key,
    update_activity,
)
from dashboard.registry.schema import activities, activity_keys, activity_places, registry_imports

log = logging.getLogger(__name__)

ID_COLUMN = "event_id"
KEY_PREFIX = "reference:"
#: registry_meta: the SHA-256 of the file last brought in; "off" keeps the registry without them (tests)
SYNCED_META = "reference_events_sha256"
OFF = "off"
FIRST_SEED_META = "events_seeded"


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def needs_sync(connection, data: bytes) -> bool:
    synced = meta_value(connection, SYNCED_META)
    return synced != OFF and synced != file_digest(data)


def sync_reference_events(engine, gazetteer: Gazetteer, path: Path) -> dict[str, int] | None:
    """Bring the file's events into the registry (see the module docstring); None when nothing was to do.

    Returns counts: added, updated, adopted (found under an earlier key), unchanged, kept_withdrawn,
    kept_corrected, rejected."""
    data = path.read_bytes()
    with engine.connect() as connection:
        if not needs_sync(connection, data):
            return None
    try:
        table = read_upload(data, path.name)
        index, _, _ = importing.map_columns(table)
    except ImportRefused as refused:
        log.warning("%s was not read: %s", path.name, refused)
        return None
    id_position = next((i for i, h in enumerate(table.headers) if (h or "").strip().casefold() == ID_COLUMN), None)
    counts = dict.fromkeys(("added", "updated", "adopted", "unchanged", "kept_withdrawn", "kept_corrected",
                            "rejected"), 0)
    at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    with engine.begin() as connection:
        if not needs_sync(connection, data):  # another process did it meanwhile
            return None
        known_pairs = importing._known_pairs(connection)
        rows: list[tuple[str, ActivityValues]] = []
        for row_number, cells in table.rows:
            values, problems = importing.parse_cells(
                {column: cells[i] if i < len(cells) else "" for column, i in index.items()}, gazetteer,
                known_pairs=known_pairs)
            event_id = (cells[id_position] if id_position is not None and id_position < len(cells) else "").strip()
            if problems or not event_id:
                counts["rejected"] += 1
                reasons = "; ".join(f"{column}: {problem.code}" for column, problem in problems) or "no event_id"
                log.warning("%s row %s is left out: %s", path.name, row_number, reasons)
                continue
            rows.append((event_id, values))
        import_id = int(connection.execute(insert(registry_imports).values(
            at=at, user_name=REFERENCE_USER, file_name=path.name, file_sha256=file_digest(data), file_bytes=len(data),
            rows_total=len(table.rows), added=0, updated=0, unchanged=0, rejected=counts["rejected"],
            skipped_withdrawn=0, origin="seed")).inserted_primary_key[0])
        for event_id, values in rows:
            counts[_bring_in(connection, KEY_PREFIX + event_id, values, at, import_id)] += 1
        connection.execute(update(registry_imports).where(registry_imports.c.import_id == import_id).values(
            added=counts["added"], updated=counts["updated"],
            unchanged=counts["unchanged"] + counts["adopted"] + counts["kept_corrected"],
            skipped_withdrawn=counts["kept_withdrawn"]))
        set_meta_value(connection, SYNCED_META, file_digest(data))
        if not meta_value(connection, FIRST_SEED_META):
            set_meta_value(connection, FIRST_SEED_META, at.isoformat(timespec="seconds"))
        bump_version(connection)
    return counts


def _bring_in(connection, key: str, values: ActivityValues, at: dt.datetime, import_id: int) -> str:
    """Write one row; returns the count it goes to."""
    content = values.content_hash()
    found = activity_for_key(connection, key)
    outcome = None
    if found is None:
        activity_id = earlier_import_of(connection, values)
        if activity_id is None:
            activity_id = insert_activity(connection, values, REFERENCE_USER, at=at, import_id=import_id,
                                          content_hash=content)
            remember_key(connection, key, activity_id, content)
            return "added"
        remember_key(connection, key, activity_id)
        outcome = "adopted"
    else:
        activity_id = found[0]
    current, meta = read_activity(connection, activity_id)
    if meta["withdrawn"]:
        return "kept_withdrawn"
    if meta["created_by"] != REFERENCE_USER or meta["updated_by"] not in (None, REFERENCE_USER):
        return "kept_corrected"
    if not values.changes_from(current):
        remember_key(connection, key, activity_id, content)
        return outcome or "unchanged"
    try:
        update_activity(connection, activity_id, values, REFERENCE_USER, at=at, import_id=import_id,
                        import_key=key, content_hash=content)
    except KeyConflict as conflict:
        log.warning("reference event %s would take the key of activity %s; left as it is", key,
                    conflict.activity_id)
        return "kept_corrected"
    return "updated"


def earlier_import_of(connection, values: ActivityValues) -> int | None:
    """The activity an earlier import made of this event (see the module docstring), withdrawn or not."""
    by_key = activity_for_key(connection, values.natural_key())
    if by_key is not None:
        return by_key[0]
    if not values.places:
        return None
    taken = select(activity_keys.c.activity_id).where(
        activity_keys.c.natural_key.like(KEY_PREFIX + "%"))
    query = (select(activities.c.activity_id).distinct()
             .join(activity_places, activity_places.c.activity_id == activities.c.activity_id)
             .where(and_(activities.c.created_by == REFERENCE_USER, activities.c.is_sample.is_(False),
                         activities.c.start_date == values.start_date,
                         activities.c.activity_type == values.activity_type,
                         activity_places.c.place_id.in_(values.places),
                         activities.c.activity_id.not_in(taken)))
             .order_by(activities.c.activity_id))
    return connection.execute(query).scalars().first()
