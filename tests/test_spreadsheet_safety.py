"""Every CSV and XLSX that leaves the app neutralises cells a spreadsheet would run as formulas: the API's
`format=csv` as the pages' downloads, through the one function of dashboard.spreadsheets."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook
from registry_world import HEADER_EN, app_registry, csv_bytes, gazetteer, registry_catalog

from dashboard import spreadsheets
from dashboard.components import table_export

GOMEL = 627907
FORMULAS = ['=HYPERLINK("https://evil.example","click")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


def test_the_pages_and_the_api_use_one_function():
    assert table_export.neutralise_formulas is spreadsheets.neutralise_formulas
    assert table_export.csv_bytes is spreadsheets.csv_bytes and table_export.xlsx_bytes is spreadsheets.xlsx_bytes


def test_csv_and_xlsx_neutralise_every_formula_prefix():
    frame = pd.DataFrame({"=title": FORMULAS, "n": range(len(FORMULAS))})
    rows = list(csv.reader(io.StringIO(spreadsheets.csv_text(frame), newline="")))
    assert rows[0] == ["'=title", "n"]
    assert [row[0] for row in rows[1:]] == ["'" + value for value in FORMULAS]
    sheet = load_workbook(io.BytesIO(spreadsheets.xlsx_bytes(frame))).active
    cells = [sheet.cell(row=k, column=1) for k in range(2, len(FORMULAS) + 2)]
    assert [cell.value for cell in cells] == ["'" + value for value in FORMULAS]
    assert {cell.data_type for cell in cells} == {"s"}  # text, never a formula
    assert [sheet.cell(row=k, column=2).value for k in range(2, len(FORMULAS) + 2)] == list(range(len(FORMULAS)))


@pytest.fixture
def hostile_api(tmp_path, monkeypatch):
    import flask

    from dashboard.registry.importing import commit_import
    from dashboard.web.api import register_api

    catalog = registry_catalog()
    engine = app_registry(tmp_path, monkeypatch, catalog)
    rows = [HEADER_EN] + [[title, "forum", f"2024-05-{day:02d}", "", f"554234; {GOMEL}", "", "", "", organiser,
                           "https://example.org/a"]
                          for day, (title, organiser) in enumerate(zip(FORMULAS[:4], reversed(FORMULAS[:4])), 1)]
    report = commit_import(engine, csv_bytes(rows), "hostile.csv", gazetteer(catalog), user="anna")
    assert report.counts["add"] == 4, report.counts
    app = flask.Flask(__name__)
    register_api(app)
    return app.test_client()


def test_the_api_csv_neutralises_formulas(hostile_api):
    response = hostile_api.get("/api/v1/activities?format=csv")
    assert response.status_code == 200, response.get_data(as_text=True)
    records = list(csv.DictReader(io.StringIO(response.get_data(as_text=True), newline="")))
    assert len(records) == 4
    cells = [value for record in records for value in record.values() if value]
    assert not [value for value in cells if value.startswith(spreadsheets.FORMULA_PREFIXES)]
    titles = sorted(record["title"] for record in records)
    assert titles == sorted("'" + value for value in FORMULAS[:4])
    as_json = hostile_api.get("/api/v1/activities").get_json()["activities"]
    assert sorted(row["title"] for row in as_json) == sorted(FORMULAS[:4])  # JSON keeps the text as it is
