"""Hostile uploads are refused quickly and without filling memory: a workbook whose sheet jumps to row
1,048,576 (blank rows count against the row limit), one whose shared strings expand to hundreds of MB, and
a CSV of blank lines. Each is refused in under a second."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from dashboard.registry import reading
from dashboard.registry.reading import MAX_ROWS, ImportRefused, read_upload

SHEET = "xl/worksheets/sheet1.xml"


def small_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["title", "type", "start_date", "places"])
    sheet.append(["Forum", "forum", "2024-01-01", "Minsk"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_member(workbook: bytes, name: str, content: bytes) -> bytes:
    """`workbook` with one member replaced (or added), deflated as Excel does."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            if member.filename != name:
                target.writestr(member, source.read(member.filename))
        target.writestr(name, content)
    return out.getvalue()


def refused_quickly(data: bytes) -> tuple[ImportRefused, float, int]:
    """The refusal, the seconds it took, and (in a second, traced run: tracing slows Python down
    tenfold) the peak of memory Python allocated while reading."""
    started = time.perf_counter()
    with pytest.raises(ImportRefused) as refused:
        read_upload(data, "hostile.xlsx")
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    with pytest.raises(ImportRefused):
        read_upload(data, "hostile.xlsx")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return refused.value, elapsed, peak


def test_a_sheet_that_jumps_to_the_last_row_is_refused_at_the_row_limit():
    rows = ('<row r="1"><c r="A1" t="inlineStr"><is><t>title</t></is></c><c r="B1" t="inlineStr"><is><t>type'
            '</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>X</t></is></c></row>'
            '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>')
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             'spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>' + rows +
             '</sheetData></worksheet>').encode()
    data = with_member(small_workbook(), SHEET, sheet)
    assert len(data) < 20_000
    refusal, elapsed, peak = refused_quickly(data)
    assert refusal.code == "too_many_rows" and str(MAX_ROWS) in refusal.message("en").replace(",", "")
    assert elapsed < 1.0, f"{elapsed:.2f} s"
    assert peak < 64 * 2**20, f"{peak / 2**20:.0f} MB"


def test_shared_strings_that_expand_past_the_limit_are_refused_before_reading():
    strings = b"<si><t>" + b"a" * 1000 + b"</t></si>"
    count = reading.MAX_SHARED_STRINGS_BYTES // len(strings) + 10
    content = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
               b'spreadsheetml/2006/main">' + strings * count + b"</sst>")
    data = with_member(small_workbook(), "xl/sharedStrings.xml", content)
    del content
    assert len(data) < 1_000_000  # a small upload ...
    refusal, elapsed, peak = refused_quickly(data)
    assert refusal.code == "xlsx_expands"  # ... that would expand to more than 64 MB of strings
    assert "64.0 MB" in refusal.message("en") and "64.0 МБ" in refusal.message("ru")
    assert elapsed < 1.0, f"{elapsed:.2f} s"
    assert peak < 16 * 2**20, f"{peak / 2**20:.0f} MB"


def test_a_workbook_that_expands_past_the_total_limit_is_refused(monkeypatch):
    monkeypatch.setattr(reading, "MAX_XLSX_EXPANDED_BYTES", 50_000)
    data = with_member(small_workbook(), "xl/padding.xml", b" " * 60_000)
    refusal, elapsed, _ = refused_quickly(data)
    assert refusal.code == "xlsx_expands" and elapsed < 1.0


def test_blank_lines_of_a_csv_count_against_the_row_limit():
    data = b"title,type,start_date,places\n" + b",,,\n" * (MAX_ROWS + 5) + b"X,forum,2024-01-01,Minsk\n"
    started = time.perf_counter()
    with pytest.raises(ImportRefused) as refused:
        read_upload(data, "blank.csv")
    assert refused.value.code == "too_many_rows" and time.perf_counter() - started < 1.0


def test_an_ordinary_workbook_is_still_read():
    table = read_upload(small_workbook(), "ok.xlsx")
    assert table.headers == ["title", "type", "start_date", "places"]
    assert table.rows == [(2, ["Forum", "forum", "2024-01-01", "Minsk"])]


def test_the_registry_page_states_the_size_and_row_limits(shell_catalog):
    import importlib

    from dashboard.app import create_app
    from dashboard.i18n import format_number

    create_app()  # the pages register with an app, so they are imported after it
    registry_page = importlib.import_module("dashboard.pages.registry")
    for lang, size in (("en", "20 MB"), ("ru", "20 МБ"), ("zh", "20 MB")):
        text = " ".join(texts_of(registry_page.templates_panel(lang)))
        assert size in text and format_number(MAX_ROWS, lang) in text, (lang, text[-300:])


def texts_of(component) -> list[str]:
    """Every text a component tree shows."""
    if isinstance(component, str):
        return [component]
    children = getattr(component, "children", None)
    if children is None:
        return []
    return [text for child in (children if isinstance(children, list) else [children]) for text in texts_of(child)]
