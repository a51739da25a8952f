"""One activity's values, its natural key, and the writes that keep an audit row with the old value.

The write functions take an open connection inside the caller's transaction (an import is one
transaction; so is a form's save) and never commit themselves. Nothing is deleted: a withdrawn activity
is hidden from every view and can be restored; every insert, update, withdrawal and restoration writes
a `registry_audit` row holding the row before and after the change as JSON.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass

from sqlalchemy import delete, insert, select, update

from dashboard.registry.schema import (
    activities,
    activity_countries,
    activity_keys,
    activity_places,
    activity_regions,
    activity_sectors,
    activity_status_changes,
    registry_audit,
    twinning_record_sources,
    twinning_records,
)
from dashboard.registry.sectors import ordered as ordered_sectors
from dashboard.registry.statuses import DEFAULT_STATUS, record_status_change
from dashboard.registry.vocabulary import folded


class NotFound(Exception):
    """No activity (or twinning record) with that key."""


@dataclass(frozen=True)
class ActivityValues:
    """What an activity says (everything but who wrote it when). Lists are sorted tuples."""

    title: str
    activity_type: str
    start_date: dt.date
    end_date: dt.date
    date_precision: str = "day"
    places: tuple[int, ...] = ()
    regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # every country involved: named, and those of places and regions
    twinning: tuple[int, int] | None = None
    corridor_id: str | None = None
    organiser: str | None = None
    source_url: str | None = None
    notes: str | None = None
    sectors: tuple[str, ...] = ()    # dashboard.registry.sectors codes, in display order
    status: str = DEFAULT_STATUS     # planned, held, postponed or cancelled

    def __post_init__(self) -> None:
        object.__setattr__(self, "sectors", ordered_sectors(self.sectors))
        object.__setattr__(self, "places", tuple(sorted(set(int(p) for p in self.places))))
        object.__setattr__(self, "regions", tuple(sorted(set(self.regions))))
        object.__setattr__(self, "countries", tuple(sorted(set(self.countries))))
        if self.twinning is not None:
            a, b = self.twinning
            object.__setattr__(self, "twinning", (min(int(a), int(b)), max(int(a), int(b))))
        for name in ("corridor_id", "organiser", "source_url", "notes"):
            value = getattr(self, name)
            object.__setattr__(self, name, value.strip() if isinstance(value, str) and value.strip() else None)

    def natural_key(self) -> str:
        """Normalised title + start date + places (else regions, else countries): one activity."""
        if self.places:
            where = "p:" + ",".join(map(str, self.places))
        elif self.regions:
            where = "r:" + ",".join(self.regions)
        else:
            where = "c:" + ",".join(self.countries)
        return f"{folded(self.title)}|{self.start_date.isoformat()}|{where}"

    def as_record(self) -> dict:
        """JSON-ready values (dates as ISO text, tuples as lists)."""
        record = asdict(self)
        record["start_date"] = self.start_date.isoformat()
        record["end_date"] = self.end_date.isoformat()
        record["places"] = list(self.places)
        record["regions"] = list(self.regions)
        record["countries"] = list(self.countries)
        record["twinning"] = list(self.twinning) if self.twinning else None
        record["sectors"] = list(self.sectors)
        return record

    def content_hash(self) -> str:
        text = json.dumps(self.as_record(), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def changes_from(self, other: ActivityValues) -> dict[str, tuple[object, object]]:
        """{field: (other's value, this value)} for every field that differs."""
        mine, theirs = self.as_record(), other.as_record()
        return {name: (theirs[name], mine[name]) for name in mine if mine[name] != theirs[name]}


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def _json(value: object) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def write_audit(connection, *, user: str, action: str, entity: str, entity_key: str, old: object = None,
                new: object = None, at: dt.datetime | None = None, import_id: int | None = None) -> None:
    connection.execute(insert(registry_audit).values(
        at=at or now(), user_name=user, action=action, entity=entity, entity_key=str(entity_key),
        old_value=_json(old), new_value=_json(new), import_id=import_id))


# ---- reading --------------------------------------------------------------------------------------------

def read_activity(connection, activity_id: int) -> tuple[ActivityValues, dict]:
    """(values, bookkeeping: is_sample, withdrawn, created_*, updated_*, import_id)."""
    row = connection.execute(select(activities).where(activities.c.activity_id == activity_id)).mappings().first()
    if row is None:
        raise NotFound(activity_id)
    places = connection.execute(select(activity_places.c.place_id)
                                .where(activity_places.c.activity_id == activity_id)).scalars().all()
    regions = connection.execute(select(activity_regions.c.region_id)
                                 .where(activity_regions.c.activity_id == activity_id)).scalars().all()
    countries = connection.execute(select(activity_countries.c.iso3)
                                   .where(activity_countries.c.activity_id == activity_id)).scalars().all()
    sectors = connection.execute(select(activity_sectors.c.sector)
                                 .where(activity_sectors.c.activity_id == activity_id)).scalars().all()
    twinning = (row["twinning_a"], row["twinning_b"]) if row["twinning_a"] is not None else None
    values = ActivityValues(
        title=row["title"], activity_type=row["activity_type"], start_date=row["start_date"],
        end_date=row["end_date"], date_precision=row["date_precision"], places=tuple(places),
        regions=tuple(regions), countries=tuple(countries), twinning=twinning, corridor_id=row["corridor_id"],
        organiser=row["organiser"], source_url=row["source_url"], notes=row["notes"], sectors=tuple(sectors),
        status=row["status"])
    meta = {key: row[key] for key in ("activity_id", "is_sample", "withdrawn", "created_at", "created_by",
                                      "updated_at", "updated_by", "import_id")}
    return values, meta


def read_activities(connection, ids) -> dict[int, tuple[ActivityValues, dict]]:
    """read_activity for many ids at once (a few queries per 500 ids)."""
    ids = sorted({int(i) for i in ids})
    found: dict[int, tuple[ActivityValues, dict]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = connection.execute(select(activities).where(activities.c.activity_id.in_(chunk))).mappings().all()
        links: dict[str, dict[int, list]] = {}
        for name, table, column in (("places", activity_places, activity_places.c.place_id),
                                    ("regions", activity_regions, activity_regions.c.region_id),
                                    ("countries", activity_countries, activity_countries.c.iso3),
                                    ("sectors", activity_sectors, activity_sectors.c.sector)):
            links[name] = {}
            for activity_id, value in connection.execute(select(table.c.activity_id, column)
                                                         .where(table.c.activity_id.in_(chunk))):
                links[name].setdefault(activity_id, []).append(value)
        for row in rows:
            activity_id = row["activity_id"]
            twinning = (row["twinning_a"], row["twinning_b"]) if row["twinning_a"] is not None else None
            values = ActivityValues(
                title=row["title"], activity_type=row["activity_type"], start_date=row["start_date"],
                end_date=row["end_date"], date_precision=row["date_precision"],
                places=tuple(links["places"].get(activity_id, ())), regions=tuple(links["regions"].get(activity_id, ())),
                countries=tuple(links["countries"].get(activity_id, ())), twinning=twinning,
                corridor_id=row["corridor_id"], organiser=row["organiser"], source_url=row["source_url"],
                notes=row["notes"], sectors=tuple(links["sectors"].get(activity_id, ())), status=row["status"])
            meta = {key: row[key] for key in ("activity_id", "is_sample", "withdrawn", "created_at", "created_by",
                                              "updated_at", "updated_by", "import_id")}
            found[activity_id] = (values, meta)
    return found


def _audit_record(values: ActivityValues, meta: dict) -> dict:
    return {**values.as_record(), "is_sample": bool(meta.get("is_sample")),
            "withdrawn": bool(meta.get("withdrawn"))}


# ---- writing --------------------------------------------------------------------------------------------

def _columns(values: ActivityValues) -> dict:
    a, b = values.twinning if values.twinning else (None, None)
    return {"title": values.title, "activity_type": values.activity_type, "start_date": values.start_date,
            "end_date": values.end_date, "date_precision": values.date_precision, "twinning_a": a,
            "twinning_b": b, "corridor_id": values.corridor_id, "organiser": values.organiser,
            "source_url": values.source_url, "notes": values.notes, "status": values.status}


def _write_links(connection, activity_id: int, values: ActivityValues) -> None:
    for table in (activity_places, activity_regions, activity_countries, activity_sectors):
        connection.execute(delete(table).where(table.c.activity_id == activity_id))
    if values.sectors:
        connection.execute(insert(activity_sectors), [{"activity_id": activity_id, "sector": code}
                                                      for code in values.sectors])
    if values.places:
        connection.execute(insert(activity_places), [{"activity_id": activity_id, "place_id": p}
                                                     for p in values.places])
    if values.regions:
        connection.execute(insert(activity_regions), [{"activity_id": activity_id, "region_id": r}
                                                      for r in values.regions])
    if values.countries:
        connection.execute(insert(activity_countries), [{"activity_id": activity_id, "iso3": c}
                                                        for c in values.countries])


def remember_key(connection, key: str, activity_id: int, content_hash: str | None = None) -> None:
    """Record that `key` means `activity_id` (and, for an imported row, the row's content hash)."""
    found = connection.execute(select(activity_keys.c.activity_id)
                               .where(activity_keys.c.natural_key == key)).first()
    if found is None:
        connection.execute(insert(activity_keys).values(natural_key=key, activity_id=activity_id,
                                                        content_hash=content_hash))
    elif content_hash is not None:
        connection.execute(update(activity_keys).where(activity_keys.c.natural_key == key)
                           .values(activity_id=activity_id, content_hash=content_hash))


def activity_for_key(connection, key: str) -> tuple[int, str | None] | None:
    row = connection.execute(select(activity_keys.c.activity_id, activity_keys.c.content_hash)
                             .where(activity_keys.c.natural_key == key)).first()
    return (row[0], row[1]) if row else None


def insert_activity(connection, values: ActivityValues, user: str, *, at: dt.datetime | None = None,
                    is_sample: bool = False, import_id: int | None = None, content_hash: str | None = None,
                    audit: bool = True) -> int:
    """A new activity (its natural key must be new); returns its id."""
    at = at or now()
    result = connection.execute(insert(activities).values(
        **_columns(values), is_sample=is_sample, withdrawn=False, created_at=at, created_by=user,
        import_id=import_id))
    activity_id = int(result.inserted_primary_key[0])
    _write_links(connection, activity_id, values)
    record_status_change(connection, activity_id, values.status, user, changed_on=at.date(), at=at)
    remember_key(connection, values.natural_key(), activity_id, content_hash)
    if audit:
        write_audit(connection, user=user, action="insert", entity="activity", entity_key=str(activity_id),
                    new=_audit_record(values, {"is_sample": is_sample}), at=at, import_id=import_id)
    return activity_id


def insert_activities(connection, batch: list[tuple[ActivityValues, str | None]], user: str, *,
                      at: dt.datetime | None = None, is_sample: bool = False, import_id: int | None = None,
                      audit: bool = True) -> list[int]:
    """Many new activities at once (each with its content hash or None); returns their ids, in order.

    The same rows as insert_activity, written with one statement per table (RETURNING gives the ids on
    SQLite and PostgreSQL alike)."""
    if not batch:
        return []
    at = at or now()
    rows = [{**_columns(values), "is_sample": is_sample, "withdrawn": False, "created_at": at, "created_by": user,
             "import_id": import_id} for values, _ in batch]
    ids = [int(i) for i in connection.execute(
        insert(activities).returning(activities.c.activity_id, sort_by_parameter_order=True), rows).scalars()]
    places, regions, countries, keys, audits, sectors, statuses = [], [], [], [], [], [], []
    for activity_id, (values, content_hash) in zip(ids, batch):
        sectors += [{"activity_id": activity_id, "sector": code} for code in values.sectors]
        statuses.append({"activity_id": activity_id, "status": values.status, "changed_on": at.date(),
                         "recorded_at": at, "recorded_by": user, "note": None})
        places += [{"activity_id": activity_id, "place_id": p} for p in values.places]
        regions += [{"activity_id": activity_id, "region_id": r} for r in values.regions]
        countries += [{"activity_id": activity_id, "iso3": c} for c in values.countries]
        keys.append({"natural_key": values.natural_key(), "activity_id": activity_id, "content_hash": content_hash})
        if audit:
            audits.append({"at": at, "user_name": user, "action": "insert", "entity": "activity",
                           "entity_key": str(activity_id), "old_value": None,
                           "new_value": _json(_audit_record(values, {"is_sample": is_sample})),
                           "import_id": import_id})
    for table, batch_rows in ((activity_places, places), (activity_regions, regions),
                              (activity_countries, countries), (activity_keys, keys), (registry_audit, audits),
                              (activity_sectors, sectors), (activity_status_changes, statuses)):
        for start in range(0, len(batch_rows), 5000):
            if batch_rows[start:start + 5000]:
                connection.execute(insert(table), batch_rows[start:start + 5000])
    return ids


def update_activity(connection, activity_id: int, values: ActivityValues, user: str, *,
                    at: dt.datetime | None = None, import_id: int | None = None,
                    import_key: str | None = None, content_hash: str | None = None) -> dict:
    """Replace an activity's values; returns the changes {field: (old, new)} ({} = nothing to do)."""
    at = at or now()
    old, meta = read_activity(connection, activity_id)
    changes = values.changes_from(old)
    if import_key is not None:
        remember_key(connection, import_key, activity_id, content_hash)
    if not changes:
        return {}
    owner = activity_for_key(connection, values.natural_key())
    if owner is not None and owner[0] != activity_id:
        raise KeyConflict(values.natural_key(), owner[0])
    connection.execute(update(activities).where(activities.c.activity_id == activity_id).values(
        **_columns(values), updated_at=at, updated_by=user,
        **({"import_id": import_id} if import_id is not None else {})))
    _write_links(connection, activity_id, values)
    if values.status != old.status:
        record_status_change(connection, activity_id, values.status, user, changed_on=at.date(), at=at)
    remember_key(connection, values.natural_key(), activity_id)
    write_audit(connection, user=user, action="update", entity="activity", entity_key=str(activity_id),
                old=_audit_record(old, meta), new=_audit_record(values, meta), at=at, import_id=import_id)
    return changes


def set_withdrawn(connection, activity_id: int, withdrawn: bool, user: str, *,
                  at: dt.datetime | None = None) -> bool:
    """Withdraw (hide) or restore an activity; returns False when it already was so."""
    at = at or now()
    old, meta = read_activity(connection, activity_id)
    if bool(meta["withdrawn"]) == withdrawn:
        return False
    connection.execute(update(activities).where(activities.c.activity_id == activity_id)
                       .values(withdrawn=withdrawn, updated_at=at, updated_by=user))
    write_audit(connection, user=user, action="withdraw" if withdrawn else "restore", entity="activity",
                entity_key=str(activity_id), old=_audit_record(old, meta),
                new=_audit_record(old, {**meta, "withdrawn": withdrawn}), at=at)
    return True


class KeyConflict(Exception):
    """Another activity already has these title, date and places."""

    def __init__(self, key: str, activity_id: int):
        super().__init__(f"activity {activity_id} already has the key {key!r}")
        self.key = key
        self.activity_id = activity_id


# ---- twinning records --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TwinningRecord:
    """The registry's record of a twinning and its life: signing date (YYYY, YYYY-MM or YYYY-MM-DD), status
    (active, suspended, ended, unknown, proposed) with the date and source of its last change, and the
    sources attesting it (`source_url` first, then `sources`)."""

    place_a: int
    place_b: int
    status: str
    year_signed: int | None = None
    source_url: str | None = None
    notes: str | None = None
    signed: str | None = None
    status_changed: str | None = None
    status_source: str | None = None
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        a, b = int(self.place_a), int(self.place_b)
        object.__setattr__(self, "place_a", min(a, b))
        object.__setattr__(self, "place_b", max(a, b))
        if self.signed is None and self.year_signed is not None:
            object.__setattr__(self, "signed", str(self.year_signed))
        if self.signed is not None and self.year_signed is None:
            object.__setattr__(self, "year_signed", int(self.signed[:4]))

    @property
    def signed_precision(self) -> str | None:
        return {4: "year", 7: "month", 10: "day"}.get(len(self.signed)) if self.signed else None

    def all_sources(self) -> list[str]:
        """The attesting addresses, each once: source_url, the status source, then `sources`."""
        found = [self.source_url, self.status_source, *self.sources]
        return list(dict.fromkeys(url for url in found if url))

    def as_record(self) -> dict:
        record = asdict(self)
        record["sources"] = list(self.sources)
        return record


LIFE_FIELDS = ("status", "year_signed", "source_url", "notes", "signed", "signed_precision", "status_changed",
               "status_source")


def record_twinning(connection, record: TwinningRecord, user: str, *, at: dt.datetime | None = None) -> dict:
    """Insert or update the registry's record of a twinning and its sources; returns the changes ({} = none).
    Sources are only added (an address once attesting a tie stays on record)."""
    at = at or now()
    key = (twinning_records.c.place_a == record.place_a) & (twinning_records.c.place_b == record.place_b)
    row = connection.execute(select(twinning_records).where(key)).mappings().first()
    fields = {name: getattr(record, name) for name in LIFE_FIELDS}
    entity_key = f"{record.place_a}-{record.place_b}"
    known = set(connection.execute(select(twinning_record_sources.c.url).where(
        (twinning_record_sources.c.place_a == record.place_a)
        & (twinning_record_sources.c.place_b == record.place_b))).scalars())
    if row is None:
        connection.execute(insert(twinning_records).values(
            place_a=record.place_a, place_b=record.place_b, **fields, recorded_by=user, recorded_at=at))
        # the first schema's fields always, the life's fields where given
        changes = {name: (None, value) for name, value in fields.items()
                   if name in ("status", "year_signed", "source_url", "notes") or value is not None}
    else:
        old = {name: row[name] for name in LIFE_FIELDS}
        changes = {name: (old[name], value) for name, value in fields.items() if old[name] != value}
        if changes:
            connection.execute(update(twinning_records).where(key).values(**fields, updated_by=user, updated_at=at))
    new_sources = [url for url in record.all_sources() if url not in known]
    if new_sources:
        connection.execute(insert(twinning_record_sources), [
            {"place_a": record.place_a, "place_b": record.place_b, "url": url} for url in new_sources])
        if row is not None:  # a new record's sources are its source_url and status_source, reported above
            changes["sources"] = (sorted(known), sorted(known | set(new_sources)))
    if changes:
        old_record = None if row is None else {"place_a": row["place_a"], "place_b": row["place_b"],
                                               **{name: row[name] for name in LIFE_FIELDS},
                                               "sources": sorted(known)}
        write_audit(connection, user=user, action="insert" if row is None else "update", entity="twinning_record",
                    entity_key=entity_key, old=old_record, new=record.as_record(), at=at)
    return changes
