"""Importing an action plan's items from XLSX/CSV with Russian (or English) headers.

    preview = preview_plan(data, "plan.xlsx", gazetteer)          # reads, writes nothing
    plan_id = commit_plan(engine, data, "plan.xlsx", gazetteer, plan, user="anna",
                          expected_digest=preview.digest)          # one transaction

Columns (headers matched loosely, Russian or English): item text (required), sector, responsible
organisations, places, countries, due (a day, a month, a quarter "II квартал 2024", a year, a range
"2024–2025", "до 01.06.2025"), start, indicator, target (a whole number of held activities). Every
problem names its row (as the spreadsheet shows it) and column (as the file calls it). A file with any
rejected row writes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass

from dashboard.registry.database import bump_version
from dashboard.registry.gazetteer import Gazetteer, Problem, split_cell
from dashboard.registry.importing import ImportConflict, Rejection, parse_date
from dashboard.registry.plans import Plan, PlanItem, create_plan
from dashboard.registry.reading import ImportRefused, RawTable, read_upload
from dashboard.registry.sectors import sectors_of
from dashboard.registry.vocabulary import folded

HEADERS: dict[str, tuple[str, ...]] = {
    "text": ("мероприятие", "мероприятия", "наименование мероприятия", "содержание", "пункт плана", "пункт",
             "задача", "item", "action", "text", "activity", "title", "название", "наименование"),
    "sector": ("сектор", "сфера", "направление", "отрасль", "sector", "area"),
    "responsible": ("ответственные", "ответственный", "исполнители", "исполнитель", "ответственные исполнители",
                    "responsible", "responsible organisations", "responsible organizations", "by"),
    "places": ("города", "город", "места", "место", "муниципалитеты", "places", "cities", "place"),
    "countries": ("страны", "страна", "countries", "country"),
    "due": ("срок", "срок исполнения", "срок выполнения", "сроки", "сроки исполнения", "сроки реализации",
            "due", "due date", "deadline", "period"),
    "start": ("начало", "срок с", "дата начала", "start", "from"),
    "indicator": ("показатель", "индикатор", "показатель результативности", "ожидаемый результат",
                  "indicator", "result"),
    "target": ("целевое значение", "цель", "план", "значение", "target", "target value"),
}
_HEADER_INDEX = {folded(word): column for column, words in HEADERS.items() for word in words}
_QUARTER = re.compile(r"^(i{1,3}|iv|[1-4])\s*(?:квартал|кв|quarter|q)?\s*(\d{4})(?:\s*г(?:ода?)?)?$")
_QUARTER_FIRST = re.compile(r"^q\s*([1-4])\s*(\d{4})$")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_BY = re.compile(r"^(до|не позднее|by|until|not later than)\s+", re.IGNORECASE)
_RANGE = re.compile(r"\s*[–—]\s*|\s+-\s+|\s+по\s+")


def column_of(header: object) -> str | None:
    return _HEADER_INDEX.get(folded(header))


def parse_period(text: str) -> tuple[dt.date | None, dt.date] | None:
    """(first day or None, last day) of a due cell; None when it is not a date or a period."""
    text = " ".join((text or "").split()).rstrip(".")
    text = re.sub(r"\s*(г\.|года|год)$", "", text).strip()
    if not text:
        return None
    if (by := _BY.match(text)) is not None:
        parsed = parse_date(text[by.end():].strip())
        return (None, parsed[1]) if parsed else None
    key = folded(text).replace(" ", " ")
    if m := (_QUARTER.fullmatch(key) or _QUARTER_FIRST.fullmatch(key)):
        quarter = _ROMAN.get(m[1]) or int(m[1])
        year = int(m[2])
        first = dt.date(year, 3 * quarter - 2, 1)
        last = (dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - dt.timedelta(days=1))
        return first, last
    if parsed := parse_date(text):
        return parsed[0], parsed[1]
    parts = _RANGE.split(text)
    if len(parts) == 2:
        low, high = parse_date(parts[0]), parse_date(parts[1])
        if low and high and high[1] >= low[0]:
            return low[0], high[1]
    return None


@dataclass(frozen=True)
class PlanPreview:
    file_name: str
    file_sha256: str
    columns: dict[str, str]
    ignored_columns: list[str]
    items: list[tuple[int, PlanItem]]
    rejections: list[Rejection]
    rows_total: int

    @property
    def digest(self) -> str:
        text = json.dumps([self.file_sha256, [(row, item.as_record()) for row, item in self.items],
                           [(r.row, r.column, r.code) for r in self.rejections]], ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]

    def summary(self, lang: str = "en") -> dict:
        return {"file_name": self.file_name, "digest": self.digest, "columns": self.columns,
                "ignored_columns": self.ignored_columns, "rows_total": self.rows_total,
                "items": [{"row": row, **item.as_record()} for row, item in self.items],
                "rejections": [r.as_dict(lang) for r in self.rejections]}


def map_columns(table: RawTable) -> tuple[dict[str, int], dict[str, str], list[str]]:
    index: dict[str, int] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    for position, header in enumerate(table.headers):
        column = column_of(header)
        if column is None or column in index:
            if header:
                ignored.append(header)
            continue
        index[column] = position
        headers[column] = header
    if "text" not in index:
        found = ", ".join(h for h in table.headers if h) or "—"
        raise ImportRefused("missing_columns_headers", missing="Мероприятие / item", found=found[:300])
    return index, headers, ignored


def parse_row(cells: dict[str, str], gazetteer: Gazetteer) -> tuple[PlanItem | None, list[tuple[str, Problem]]]:
    problems: list[tuple[str, Problem]] = []

    def text(column: str) -> str:
        return " ".join((cells.get(column) or "").split())

    if not text("text"):
        problems.append(("text", Problem("missing_value")))
    sector = None
    if text("sector"):
        codes, unknown = sectors_of(text("sector"))
        if unknown:
            problems.append(("sector", Problem("unknown_sector", {"value": "; ".join(unknown)})))
        sector = codes[0] if codes else None
    due_from = due_to = None
    if text("due"):
        period = parse_period(text("due"))
        if period is None:
            problems.append(("due", Problem("bad_date", {"value": text("due")})))
        else:
            due_from, due_to = period
    if text("start"):
        start = parse_period(text("start"))
        if start is None:
            problems.append(("start", Problem("bad_date", {"value": text("start")})))
        else:
            due_from = start[0] or start[1]
    if due_from and due_to and due_to < due_from:
        problems.append(("due", Problem("end_before_start", {"value": text("due")})))
    target = None
    if text("target"):
        number = re.sub(r"[^\d]", "", text("target"))
        if not number or int(number) < 1:
            problems.append(("target", Problem("bad_target", {"value": text("target")})))
        else:
            target = int(number)
    countries: set[str] = set()
    for token in split_cell(text("countries")):
        iso3, problem = gazetteer.country(token)
        if problem:
            problems.append(("countries", problem))
        elif iso3:
            countries.add(iso3)
    places: set[int] = set()
    for token in split_cell(text("places")):
        place_id, problem = gazetteer.place(token, countries)
        if problem:
            problems.append(("places", problem))
        elif place_id is not None:
            places.add(place_id)
    if problems:
        return None, problems
    return PlanItem(text=text("text"), sector=sector, responsible=text("responsible") or None, places=tuple(places),
                    countries=tuple(countries), due_from=due_from, due_to=due_to,
                    indicator=text("indicator") or None, target=target), []


def plan_preview(table: RawTable, gazetteer: Gazetteer, *, file_name: str = "", data: bytes = b"") -> PlanPreview:
    index, headers, ignored = map_columns(table)
    if not table.rows:
        raise ImportRefused("no_rows")
    items: list[tuple[int, PlanItem]] = []
    rejections: list[Rejection] = []
    for row_number, cells in table.rows:
        by_column = {column: cells[i] if i < len(cells) else "" for column, i in index.items()}
        item, problems = parse_row(by_column, gazetteer)
        rejections += [Rejection(row_number, headers.get(column, column), problem.code, problem.params)
                       for column, problem in problems]
        if item is not None:
            items.append((row_number, item))
    return PlanPreview(file_name, hashlib.sha256(data).hexdigest(), headers, ignored, items,
                       sorted(rejections, key=lambda r: (r.row, r.column)), len(table.rows))


def preview_plan(data: bytes, file_name: str, gazetteer: Gazetteer) -> PlanPreview:
    """What importing the file would add; writes nothing. Raises ImportRefused for a refused file."""
    return plan_preview(read_upload(data, file_name), gazetteer, file_name=file_name, data=data)


def commit_plan(engine, data: bytes, file_name: str, gazetteer: Gazetteer, plan: Plan, *, user: str,
                expected_digest: str | None = None) -> int:
    """The plan and all its items in one transaction; nothing is written when any row is rejected."""
    preview = preview_plan(data, file_name, gazetteer)
    if expected_digest is not None and preview.digest != expected_digest:
        raise ImportConflict("the file changed since the preview")
    if preview.rejections:
        raise ImportRefused("has_rejections", count=len({r.row for r in preview.rejections}))
    with engine.begin() as connection:
        plan_id = create_plan(connection, plan, [item for _, item in preview.items], user)
        bump_version(connection)
    return plan_id
