"""Hypothesis strategies for hostile import files, and the property every importer must keep.

The property (`check_import_is_all_or_nothing`): whatever the bytes, `commit_import` either commits the
whole file or refuses it with ImportRefused (a message naming the reason, row and column), and a refused
file leaves every registry table exactly as it was. The same holds for form entries (`save_activity`
either saves or raises EntryRejected). Used by tests/test_import_fuzzing.py (a short run) and
benchmarks/fuzz_importers.py (a long one).
"""

from __future__ import annotations

import io

from hypothesis import strategies as st
from registry_world import HEADER_EN, english_rows
from sqlalchemy import func, select

from dashboard.registry.importing import ImportConflict, commit_import
from dashboard.registry.reading import ImportRefused
from dashboard.registry.schema import metadata
from dashboard.registry.service import EntryRejected, save_activity

HEADER_RU = ["Название", "Тип", "Дата начала", "Дата окончания", "Города", "Регионы", "Страны", "Побратимы",
             "Организатор", "Источник"]

# cells an attacker or a careless spreadsheet would put in: formulas, markup, SQL, control characters,
# dates that are not, numbers that are, names in several scripts, and things that look like separators
NASTY_CELLS = [
    "", " ", "=1+1", "+7 900", "-5", "@SUM(A1:A2)", "=HYPERLINK(\"http://x\")", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "'; DROP TABLE activities; --", "\x00", "\ufeff", "\u202e", "\r\n", ";", "\t",
    "\"", "Минск", "Гомель; Подольск", "Podolsk – Gomel", "554234; 627907", "2024-02-30", "31.12.1899",
    "2024-13-01", "1e308", "NaN", "9" * 40, "forum", "фестиваль", "Youth or education exchange", "RUS",
    "BLR; KAZ", "Bryansk Oblast", "https://example.org/a", "javascript:alert(1)", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "x" * 5000,
]
TYPES = ["forum", "festival", "conference", "фестиваль", "Youth or education exchange", "", "party"]
DATES = ["2023-05-01", "05.06.2024", "2025", "2024-07", "", "2024-02-30", "yesterday", "01.01.2031"]
PLACES = ["Podolsk; Gomel", "Minsk", "554234; 627907", "Подольск", "Nowhere", "", "Moscow; Almaty"]
# values that make a valid row, so that plausible files do commit and the property has two sides
GOOD = {"type": ["forum", "festival", "conference", "фестиваль", "Youth or education exchange"],
        "start": ["2023-05-01", "05.06.2024", "2025", "2024-07", "14.09.2024"],
        "places": ["Podolsk; Gomel", "Minsk", "554234; 627907", "Moscow; Almaty", "Bryansk"]}

cell = st.one_of(st.sampled_from(NASTY_CELLS), st.text(max_size=60))
free_text = st.one_of(st.sampled_from(["Forum of border cities", "Фестиваль «Славянский базар»"]), cell)


def _value(draw, column: str, plausible: bool) -> str:
    """A cell for `column` (title, type, start, end, places, or another): valid when `plausible`, except
    free-text columns, which take anything."""
    if column in ("title",):
        text = draw(free_text)
        return text if text.strip() or not plausible else "Forum"
    if column in GOOD:
        return draw(st.sampled_from(GOOD[column])) if plausible else draw(
            st.one_of(st.sampled_from({"type": TYPES, "start": DATES, "places": PLACES}[column]), cell))
    if column == "end":
        return "" if plausible else draw(st.one_of(st.sampled_from(DATES), cell))
    if column == "source":
        return draw(st.sampled_from(["https://example.org/a", ""])) if plausible else draw(cell)
    if column == "organiser":
        return draw(cell)
    return "" if plausible else draw(cell)  # regions, countries, twinning: checked against the store


COLUMN_OF_HEADER = dict(zip(HEADER_EN, ["title", "type", "start", "end", "places", "regions", "countries",
                                        "twinning", "organiser", "source"]))
COLUMN_OF_HEADER.update(zip(HEADER_RU, list(COLUMN_OF_HEADER.values())))


@st.composite
def activity_rows(draw, max_rows: int = 8) -> list[list[str]]:
    """A header (English or Russian, maybe shuffled or short of a column) and rows: in a plausible file
    valid values with hostile free text; otherwise anything, some rows short or long."""
    plausible = draw(st.booleans())
    header = list(draw(st.sampled_from([HEADER_EN, HEADER_RU])))
    if draw(st.booleans()):
        header = draw(st.permutations(header))
    if not plausible and draw(st.integers(0, 4)) == 0:
        header = header[:draw(st.integers(0, len(header) - 1))]
    rows = [header]
    for number in range(draw(st.integers(0 if not plausible else 1, max_rows))):
        values = [_value(draw, COLUMN_OF_HEADER[h], plausible) for h in header]
        if plausible:
            values[header.index(HEADER_EN[0] if HEADER_EN[0] in header else HEADER_RU[0])] += f" #{number}"
        elif draw(st.integers(0, 9)) == 0:
            values = values[:draw(st.integers(0, len(values)))] + draw(st.lists(cell, max_size=2))
        rows.append(values)
    return rows


def _csv(rows: list[list[str]], separator: str, encoding: str, bom: bool) -> bytes:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator, lineterminator="\r\n").writerows(rows)
    text = buffer.getvalue()
    data = text.encode(encoding, errors="replace")
    return (b"\xef\xbb\xbf" if bom and encoding == "utf-8" else b"") + data


def _xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook()
    sheet = book.active
    for row in rows:  # a workbook cannot hold control characters at all: Excel's users never send them
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@st.composite
def import_files(draw) -> tuple[bytes, str]:
    """(bytes, file name): CSV in several encodings and separators, XLSX, damaged copies, or noise."""
    kind = draw(st.sampled_from(["csv", "csv", "csv", "xlsx", "mutated", "noise"]))
    if kind == "noise":
        return draw(st.binary(max_size=400)), draw(st.sampled_from(["a.csv", "a.xlsx", "a.txt", "a.xls"]))
    rows = draw(activity_rows())
    if kind == "xlsx":
        return _xlsx(rows), "activities.xlsx"
    data = _csv(rows, draw(st.sampled_from([",", ";", "\t"])), draw(st.sampled_from(["utf-8", "cp1251"])),
                draw(st.booleans()))
    if kind == "mutated":
        base = bytearray(data if draw(st.booleans()) else _xlsx(rows))
        for _ in range(draw(st.integers(1, 6))):
            if not base:
                break
            # drawn independently of the length: a workbook's bytes hold its save time, so vary by a few
            position = draw(st.integers(0, 2**20)) % len(base)
            base[position] = draw(st.integers(0, 255))
        return bytes(base), draw(st.sampled_from(["a.csv", "a.xlsx"]))
    return data, draw(st.sampled_from(["activities.csv", "activities.tsv", "activities.txt"]))


@st.composite
def form_cells(draw) -> dict[str, str]:
    """The cells of the registry's entry form, plausible (with hostile free text) or anything."""
    plausible = draw(st.booleans())
    cells = {name: _value(draw, column, plausible) for name, column in (
        ("title", "title"), ("type", "type"), ("start_date", "start"), ("end_date", "end"), ("places", "places"))}
    cells.update(organiser=draw(cell), notes=draw(cell), source=_value(draw, "source", plausible))
    return cells


def registry_snapshot(engine) -> dict[str, int]:
    """Row counts of every registry table, and the version stamp."""
    with engine.connect() as connection:
        counts = {table.name: connection.execute(select(func.count()).select_from(table)).scalar()
                  for table in metadata.sorted_tables}
        counts["version"] = connection.exec_driver_sql(
            "SELECT value FROM registry_meta WHERE key = 'version'").scalar()
    return counts


def check_import_is_all_or_nothing(engine, gazetteer, data: bytes, file_name: str) -> str:
    """Import `data`; returns 'committed' or 'refused', and fails if anything else happens."""
    before = registry_snapshot(engine)
    try:
        result = commit_import(engine, data, file_name, gazetteer, user="fuzz")
    except (ImportRefused, ImportConflict) as refused:
        assert str(refused), "a refusal must say why"
        assert registry_snapshot(engine) == before, "a refused file changed the registry"
        return "refused"
    after = registry_snapshot(engine)
    assert after["activities"] == before["activities"] + result.counts["add"]
    assert after["registry_imports"] == before["registry_imports"] + 1
    return "committed"


def check_entry_saves_or_is_rejected(engine, gazetteer, cells: dict[str, str]) -> str:
    before = registry_snapshot(engine)
    try:
        save_activity(engine, gazetteer, cells, user="fuzz")
    except EntryRejected as rejected:
        assert rejected.problems
        assert registry_snapshot(engine) == before, "a rejected entry changed the registry"
        return "rejected"
    assert registry_snapshot(engine)["activities"] == before["activities"] + 1
    return "saved"


__all__ = ["activity_rows", "import_files", "form_cells", "check_import_is_all_or_nothing",
           "check_entry_saves_or_is_rejected", "registry_snapshot", "english_rows"]
