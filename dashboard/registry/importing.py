"""Importing activities from CSV/XLSX: validation, a preview, and a commit in one transaction.

    preview = preview_import(engine, data, "file.csv", gazetteer)     # reads, writes nothing
    result = commit_import(engine, data, "file.csv", gazetteer, user="anna",
                           expected_digest=preview.digest)              # one transaction

The file's problems refuse the whole file (ImportRefused: too large, not a workbook, wrong encoding,
missing columns, no rows). A row's problems reject that row: each rejection names the row (as a
spreadsheet shows it), the column (as the file calls it) and the reason. By default a file with any
rejected row is not imported at all (nothing written: fix the rows and upload again); with
`skip_rejected=True` the valid rows are imported and the rejected ones left out.

Each row becomes an ActivityValues; its natural key (normalised title + start date + places, else
regions, else countries) finds it in the registry. Planned actions: add (new key), update (known key,
different content), unchanged (same content as imported before, or as now in the registry - so
re-importing a file changes nothing, even after corrections made in the UI), withdrawn (the activity
was withdrawn in the registry: left as it is). Duplicate rows in a file are rejected. The commit
recomputes the plan inside its transaction; with `expected_digest` it refuses (ImportConflict) when
the plan differs from the preview the user confirmed. Every commit is logged in registry_imports
(when, who, file, counts), every change audited.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field

from sqlalchemy import insert, select

from dashboard.i18n import t
from dashboard.registry.database import bump_version
from dashboard.registry.gazetteer import Gazetteer, Problem, split_cell
from dashboard.registry.links import acceptable_source
from dashboard.registry.reading import ImportRefused, RawTable, read_upload
from dashboard.registry.records import ActivityValues, insert_activities, read_activities, remember_key, update_activity
from dashboard.registry.schema import activity_keys, registry_imports, twinning_records
from dashboard.registry.sectors import sectors_for_type, sectors_of
from dashboard.registry.statuses import status_of
from dashboard.registry.vocabulary import LOCATION_COLUMNS, REQUIRED_COLUMNS, activity_type_of, column_of

MIN_DATE = dt.date(1945, 1, 1)
FUTURE_YEARS = 5  # activities may be planned up to this many years ahead
MAX_LENGTH = {"title": 300, "organiser": 500, "source": 2000, "notes": 4000, "corridor": 64}
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_YEAR = re.compile(r"(\d{4})")
_DOTTED_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_DOTTED_MONTH = re.compile(r"(\d{1,2})\.(\d{4})")
#: optional columns the registry has no field for yet (the project's data/events.csv has them): their
#: cells are kept, labelled, at the end of the notes, in this order; other unknown headers are ignored
NOTE_COLUMNS: tuple[str, ...] = ("title_ru", "title_zh", "verification")
#: optional columns with a field of their own: sectors (';'-separated; default: from the type where it is
#: clear) and status (default: planned for a future start, else held)
FIELD_COLUMNS: dict[str, tuple[str, ...]] = {
    "sector": ("sector", "sectors", "сектор", "сектора", "секторы", "отрасль", "отрасли", "сфера"),
    "status": ("status", "статус", "состояние"),
}
NOTE_SEPARATOR = " | "
#: the project's reference events name each row (dashboard.registry.reference_events reads it); an
#: import takes it for known and stores nothing of it
KEY_COLUMNS: tuple[str, ...] = ("event_id",)


class ImportConflict(Exception):
    """The registry changed between the preview and the commit: preview again."""


@dataclass(frozen=True)
class Rejection:
    """One reason a row is rejected: row number, column (the file's header), an i18n code and fields."""

    row: int
    column: str
    code: str
    params: dict = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        fields = {key: value for key, value in self.params.items() if not key.endswith(("_en", "_ru"))}
        for key, value in self.params.items():
            if key.endswith(f"_{lang}"):
                fields[key[: -len(lang) - 1]] = value
            elif key.endswith("_en"):
                fields.setdefault(key[:-3], value)
        return t(f"import.error.{self.code}", lang, **fields)

    def as_dict(self, lang: str = "en") -> dict:
        return {"row": self.row, "column": self.column, "code": self.code, "reason": self.message(lang)}


@dataclass(frozen=True)
class PlannedRow:
    row: int
    action: str                      # add, update, unchanged, withdrawn
    values: ActivityValues
    activity_id: int | None = None
    changes: dict = field(default_factory=dict)  # for an update: {field: (old, new)}
    known_hash: str | None = None    # the content hash last imported under this key


@dataclass(frozen=True)
class ImportPreview:
    file_name: str
    file_sha256: str
    file_bytes: int
    table: RawTable
    columns: dict[str, str]          # our column -> the file's header
    ignored_columns: list[str]
    planned: list[PlannedRow]
    rejections: list[Rejection]

    @property
    def rows_total(self) -> int:
        return len(self.table.rows)

    def rows(self, action: str) -> list[PlannedRow]:
        return [p for p in self.planned if p.action == action]

    @property
    def rejected_rows(self) -> list[int]:
        return sorted({r.row for r in self.rejections})

    @property
    def counts(self) -> dict[str, int]:
        counts = {action: len(self.rows(action)) for action in ("add", "update", "unchanged", "withdrawn")}
        counts["rejected"] = len(self.rejected_rows)
        counts["total"] = self.rows_total
        return counts

    @property
    def digest(self) -> str:
        """Fingerprint of the file and the plan: the commit must find the same plan."""
        plan = [(p.row, p.action, p.activity_id, p.values.natural_key()) for p in self.planned]
        rejected = [(r.row, r.column, r.code) for r in self.rejections]
        text = json.dumps([self.file_sha256, plan, rejected], ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]

    def summary(self, lang: str = "en") -> dict:
        """JSON-ready: counts, mapped and ignored columns, and every row with its action or reasons."""
        def row_text(values: ActivityValues) -> dict:
            return {"title": values.title, "type": values.activity_type, "date_precision": values.date_precision,
                    "start_date": values.start_date.isoformat(),
                    "end_date": values.end_date.isoformat(), "places": list(values.places),
                    "regions": list(values.regions), "countries": list(values.countries)}
        return {
            "file_name": self.file_name, "file_sha256": self.file_sha256, "digest": self.digest,
            "kind": self.table.kind, "encoding": self.table.encoding,
            "separator": self.table.separator, "sheet": self.table.sheet,
            "columns": self.columns, "ignored_columns": self.ignored_columns, "counts": self.counts,
            "planned": [{"row": p.row, "action": p.action, "activity_id": p.activity_id, **row_text(p.values),
                         "changes": {k: [v[0], v[1]] for k, v in p.changes.items()}} for p in self.planned],
            "rejections": [r.as_dict(lang) for r in self.rejections],
        }


@dataclass(frozen=True)
class ImportResult:
    import_id: int
    preview: ImportPreview
    counts: dict[str, int]


# ---- cells -> values ------------------------------------------------------------------------------------

def parse_date(text: str) -> tuple[dt.date, dt.date, str] | None:
    """(first day, last day, precision) of '2024-05-17', '17.05.2024', '2024-05', '05.2024' or '2024'."""
    text = (text or "").strip()
    try:
        if m := _ISO_DAY.fullmatch(text):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day, "day"
        if m := _DOTTED_DAY.fullmatch(text):
            day = dt.date(int(m[3]), int(m[2]), int(m[1]))
            return day, day, "day"
        if (m := _ISO_MONTH.fullmatch(text)) or (m := _DOTTED_MONTH.fullmatch(text)):
            year, month = (int(m[1]), int(m[2])) if "-" in text else (int(m[2]), int(m[1]))
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last), "month"
        if m := _YEAR.fullmatch(text):
            year = int(m[1])
            return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    except ValueError:  # 31.02.2024, month 13
        return None
    return None


def notes_with_extras(cells: dict[str, str]) -> str:
    """The notes, then 'column: value' for each filled NOTE_COLUMNS cell, joined by ' | '."""
    parts = [(cells.get("notes") or "").strip()]
    parts += [f"{column}: {' '.join(cells[column].split())}" for column in NOTE_COLUMNS
              if (cells.get(column) or "").strip()]
    return NOTE_SEPARATOR.join(part for part in parts if part)


def date_range(today: dt.date) -> tuple[dt.date, dt.date]:
    return MIN_DATE, dt.date(today.year + FUTURE_YEARS, 12, 31)


def parse_cells(cells: dict[str, str], gazetteer: Gazetteer, *, known_pairs: set[tuple[int, int]] = frozenset(),
                today: dt.date | None = None) -> tuple[ActivityValues | None, list[tuple[str, Problem]]]:
    """One row's cells (our column -> text) as ActivityValues, or the problems (column, Problem)."""
    today = today or dt.date.today()
    problems: list[tuple[str, Problem]] = []

    cells = {**cells, "notes": notes_with_extras(cells)}

    def text(column: str) -> str:
        return (cells.get(column) or "").strip()

    for column in ("title", "organiser", "source", "notes", "corridor"):
        if len(text(column)) > MAX_LENGTH[column]:
            problems.append((column, Problem("too_long", {"limit": MAX_LENGTH[column]})))
    title = text("title")
    if not title:
        problems.append(("title", Problem("missing_value")))
    activity_type = None
    if not text("type"):
        problems.append(("type", Problem("missing_value")))
    else:
        activity_type = activity_type_of(text("type"))
        if activity_type is None:
            problems.append(("type", Problem("unknown_type", {"value": text("type")})))

    low, high = date_range(today)
    start = end = None
    precision = "day"
    if not text("start_date"):
        problems.append(("start_date", Problem("missing_value")))
    else:
        parsed = parse_date(text("start_date"))
        if parsed is None:
            problems.append(("start_date", Problem("bad_date", {"value": text("start_date")})))
        elif not low <= parsed[0] <= high:
            problems.append(("start_date", Problem("date_out_of_range", {
                "value": text("start_date"), "low": low.isoformat(), "high": high.isoformat()})))
        else:
            start, end, precision = parsed
    if text("end_date") and start is not None:
        parsed = parse_date(text("end_date"))
        if parsed is None:
            problems.append(("end_date", Problem("bad_date", {"value": text("end_date")})))
        elif not low <= parsed[1] <= high:
            problems.append(("end_date", Problem("date_out_of_range", {
                "value": text("end_date"), "low": low.isoformat(), "high": high.isoformat()})))
        elif parsed[1] < start:
            problems.append(("end_date", Problem("end_before_start", {"value": text("end_date")})))
        else:
            end = parsed[1]

    countries: set[str] = set()
    for token in split_cell(text("countries")):
        iso3, problem = gazetteer.country(token)
        if problem:
            problems.append(("countries", problem))
        else:
            countries.add(iso3)
    places: set[int] = set()
    for token in split_cell(text("places")):
        place_id, problem = gazetteer.place(token, countries)
        if problem:
            problems.append(("places", problem))
        else:
            places.add(place_id)
    regions: set[str] = set()
    for token in split_cell(text("regions")):
        region_id, problem = gazetteer.region(token, countries)
        if problem:
            problems.append(("regions", problem))
        else:
            regions.add(region_id)
    twinning = None
    if text("twinning"):
        twinning, problem = gazetteer.twinning(text("twinning"), known_pairs, countries)
        if problem:
            problems.append(("twinning", problem))
        else:
            places.update(twinning)
    corridor = None
    if text("corridor"):
        corridor, problem = gazetteer.corridor(text("corridor"))
        if problem:
            problems.append(("corridor", problem))
    sectors, unknown_sectors = sectors_of(text("sector"))
    if unknown_sectors:
        problems.append(("sector", Problem("unknown_sector", {"value": "; ".join(unknown_sectors)})))
    status = None
    if text("status"):
        status = status_of(text("status"))
        if status is None:
            problems.append(("status", Problem("unknown_status", {"value": text("status")})))
    source = text("source")
    if source and not acceptable_source(source):  # an http(s) address or words; never //host or javascript:
        problems.append(("source", Problem("bad_source", {"value": source})))
    if not (places or regions or countries) and not any(c in ("places", "regions", "countries", "twinning")
                                                        for c, _ in problems):
        problems.append(("places", Problem("no_location")))
    if problems:
        return None, problems
    derived = {gazetteer.place_country(p) for p in places} | {gazetteer.region_country(r) for r in regions}
    values = ActivityValues(
        title=" ".join(title.split()), activity_type=activity_type, start_date=start, end_date=end,
        date_precision=precision, places=tuple(places), regions=tuple(regions),
        countries=tuple(countries | {c for c in derived if c}), twinning=twinning, corridor_id=corridor,
        organiser=text("organiser"), source_url=source, notes=text("notes"),
        sectors=sectors or sectors_for_type(activity_type),
        status=status or ("planned" if start > today else "held"))
    return values, []


# ---- a file -> a plan ----------------------------------------------------------------------------------

def map_columns(table: RawTable) -> tuple[dict[str, int], dict[str, str], list[str]]:
    """(our column -> cell index, our column -> header, ignored headers); refuses missing/double columns."""
    index: dict[str, int] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    for position, header in enumerate(table.headers):
        if (header or "").strip().casefold() in KEY_COLUMNS:
            continue
        column = column_of(header) or _field_column_of(header) or _note_column_of(header)
        if column is None:
            if header:
                ignored.append(header)
            continue
        if column in index:
            raise ImportRefused("duplicate_column", column=column, first=headers[column], second=header)
        index[column] = position
        headers[column] = header
    missing = [c for c in REQUIRED_COLUMNS if c not in index]
    if not any(c in index for c in LOCATION_COLUMNS):
        missing.append("places / regions / countries")
    if missing:
        found = ", ".join(h for h in table.headers if h) or "—"
        hint = "encoding" if table.kind == "csv" and _looks_garbled(table.headers) else "headers"
        raise ImportRefused(f"missing_columns_{hint}", missing=", ".join(missing), found=found[:300])
    return index, headers, ignored


def _field_column_of(header: str) -> str | None:
    key = (header or "").strip().casefold()
    return next((column for column, names in FIELD_COLUMNS.items() if key in names), None)


def _note_column_of(header: str) -> str | None:
    key = (header or "").strip().casefold()
    return key if key in NOTE_COLUMNS else None


def _looks_garbled(headers: list[str]) -> bool:
    text = "".join(headers)
    return bool(re.search(r"[ÐÑÃâ€�]|Р[ЎЃЏ°±ґ]|С[ЂЃ‚ЉЊ]", text))


def _known_pairs(connection) -> set[tuple[int, int]]:
    rows = connection.execute(select(twinning_records.c.place_a, twinning_records.c.place_b)).all()
    return {(int(a), int(b)) for a, b in rows}


def plan_import(connection, table: RawTable, gazetteer: Gazetteer, *, file_name: str = "",
                data: bytes = b"", today: dt.date | None = None) -> ImportPreview:
    """Validate every row and decide its action against the registry seen through `connection`."""
    index, headers, ignored = map_columns(table)
    if not table.rows:
        raise ImportRefused("no_rows")
    known_pairs = _known_pairs(connection)
    rejections: list[Rejection] = []
    parsed: list[tuple[int, ActivityValues]] = []
    seen: dict[str, int] = {}
    for row_number, cells in table.rows:
        values_by_column = {column: cells[i] if i < len(cells) else "" for column, i in index.items()}
        values, problems = parse_cells(values_by_column, gazetteer, known_pairs=known_pairs, today=today)
        for column, problem in problems:
            rejections.append(Rejection(row_number, headers.get(column, column), problem.code, problem.params))
        if values is None:
            continue
        key = values.natural_key()
        if key in seen:
            rejections.append(Rejection(row_number, headers["title"], "duplicate_row", {"first": seen[key]}))
            continue
        seen[key] = row_number
        parsed.append((row_number, values))
    keys = dict(((k, (a, h)) for k, a, h in connection.execute(
        select(activity_keys.c.natural_key, activity_keys.c.activity_id, activity_keys.c.content_hash))))
    found = {row: keys.get(values.natural_key()) for row, values in parsed}
    current = read_activities(connection, [f[0] for f in found.values() if f is not None])
    planned = [_plan_row(row_number, values, found[row_number], current) for row_number, values in parsed]
    return ImportPreview(file_name=file_name, file_sha256=hashlib.sha256(data).hexdigest(), file_bytes=len(data),
                         table=table, columns=headers, ignored_columns=ignored, planned=planned,
                         rejections=sorted(rejections, key=lambda r: (r.row, r.column)))


def _plan_row(row_number: int, values: ActivityValues, found: tuple[int, str | None] | None,
              activities_by_id: dict) -> PlannedRow:
    if found is None:
        return PlannedRow(row_number, "add", values)
    activity_id, imported_hash = found
    current, meta = activities_by_id[activity_id]
    if meta["withdrawn"]:
        return PlannedRow(row_number, "withdrawn", values, activity_id, known_hash=imported_hash)
    if imported_hash == values.content_hash():
        return PlannedRow(row_number, "unchanged", values, activity_id, known_hash=imported_hash)
    changes = values.changes_from(current)
    if not changes:
        return PlannedRow(row_number, "unchanged", values, activity_id, known_hash=imported_hash)
    return PlannedRow(row_number, "update", values, activity_id, changes, known_hash=imported_hash)


def preview_import(engine, data: bytes, file_name: str, gazetteer: Gazetteer, *,
                   today: dt.date | None = None) -> ImportPreview:
    """What importing the file would do; writes nothing. Raises ImportRefused for a refused file."""
    table = read_upload(data, file_name)
    with engine.connect() as connection:
        return plan_import(connection, table, gazetteer, file_name=file_name, data=data, today=today)


def commit_import(engine, data: bytes, file_name: str, gazetteer: Gazetteer, *, user: str,
                  expected_digest: str | None = None, skip_rejected: bool = False, origin: str = "web",
                  today: dt.date | None = None) -> ImportResult:
    """Import the file in one transaction (all or nothing) and log it; see the module docstring."""
    table = read_upload(data, file_name)
    with engine.begin() as connection:
        preview = plan_import(connection, table, gazetteer, file_name=file_name, data=data, today=today)
        if expected_digest is not None and preview.digest != expected_digest:
            raise ImportConflict("the registry or the file changed since the preview")
        if preview.rejections and not skip_rejected:
            raise ImportRefused("has_rejections", count=len(preview.rejected_rows))
        at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
        counts = preview.counts
        import_id = int(connection.execute(insert(registry_imports).values(
            at=at, user_name=user, file_name=file_name or "(unnamed)", file_sha256=preview.file_sha256,
            file_bytes=preview.file_bytes, rows_total=counts["total"], added=counts["add"],
            updated=counts["update"], unchanged=counts["unchanged"], rejected=counts["rejected"],
            skipped_withdrawn=counts["withdrawn"], origin=origin)).inserted_primary_key[0])
        insert_activities(connection, [(p.values, p.values.content_hash()) for p in preview.rows("add")], user,
                          at=at, import_id=import_id)
        for planned in preview.planned:
            key, content = planned.values.natural_key(), planned.values.content_hash()
            if planned.action == "update":
                update_activity(connection, planned.activity_id, planned.values, user, at=at,
                                import_id=import_id, import_key=key, content_hash=content)
            elif planned.action == "unchanged" and planned.known_hash != content:
                remember_key(connection, key, planned.activity_id, content)  # same content, first import
        bump_version(connection)
    return ImportResult(import_id, preview, counts)


def import_log(engine, limit: int = 50) -> list[dict]:
    """The latest imports, newest first."""
    with engine.connect() as connection:
        rows = connection.execute(select(registry_imports).order_by(registry_imports.c.import_id.desc())
                                  .limit(limit)).mappings().all()
    return [dict(row) for row in rows]
