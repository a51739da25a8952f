"""The state-of-ties report on the built store and a registry holding the project's cited events: the DOCX
(python-docx) has the report's headings, the summary table and the map as a picture; the PDF (pypdf) has
the same headings in Russian; its numbers are the API's for the same filters; the command line writes it.
Also: importing data/events.csv puts sector and status into their fields, not into the notes."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import flask
import pytest
from docx import Document
from pypdf import PdfReader
from sqlalchemy import select

from dashboard.__main__ import main
from dashboard.charts.monitoring import monitoring_data
from dashboard.exports.report_ties import build_report, make_report, summary_rows
from dashboard.i18n import format_date, t
from dashboard.registry.database import registry_engine
from dashboard.registry.plans import Plan, PlanItem, create_plan, link_activity
from dashboard.registry.schema import activities, activity_sectors, plan_items
from dashboard.registry.service import live_frames
from dashboard.web.monitoring import register_monitoring_api

EVENTS = Path(__file__).resolve().parent.parent / "data" / "events.csv"
ARGS = {"countries": "RUS,BLR", "from": "2023-01-01", "to": "2025-12-31"}
SECTIONS = ("report.h.summary", "report.h.map", "report.h.changes", "report.h.plan", "report.h.activities",
            "report.h.dormant", "report.h.coverage")


@pytest.fixture(scope="module")
def registry(store_catalog, tmp_path_factory):
    """A new registry (BORDERLINKS_REGISTRY_URL) with the cited events imported and a two-item plan."""
    url = f"sqlite:///{tmp_path_factory.mktemp('report') / 'registry.sqlite'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BORDERLINKS_REGISTRY_URL", url)
        frames = live_frames(store_catalog)  # imports data/events.csv once
        engine = registry_engine(url)
        forum = frames.activities.loc[frames.activities["title"].eq("XII Forum of Regions of Russia and Belarus"),
                                      "activity_id"].iloc[0]
        with engine.begin() as connection:
            plan_id = create_plan(connection, Plan("Plan of the associations of twin cities", ("RUS", "BLR"),
                                                   adopted_by="Associations of twin cities",
                                                   adopted_on=dt.date(2023, 9, 28)),
                                  [PlanItem("Hold the Forum of Regions", sector="economy", due_to=dt.date(2025, 6, 30)),
                                   PlanItem("Joint tourist routes", sector="tourism", due_to=dt.date(2024, 12, 31))],
                                  "anna")
            item_id = connection.execute(select(plan_items.c.item_id).where(plan_items.c.plan_id == plan_id)
                                         .order_by(plan_items.c.position)).scalars().first()
            link_activity(connection, item_id, int(forum), "anna")
        yield engine


def test_importing_the_events_fills_sector_and_status_and_keeps_the_notes_clean(registry):
    with registry.connect() as connection:
        rows = connection.execute(select(activities.c.activity_id, activities.c.title, activities.c.status,
                                         activities.c.notes)).all()
        sectors = connection.execute(select(activity_sectors.c.activity_id, activity_sectors.c.sector)).all()
    assert len(rows) >= 75 and {row.status for row in rows} == {"held", "planned"}
    assert not any("sector:" in (row.notes or "") or "status:" in (row.notes or "") for row in rows)
    ufa = next(row.activity_id for row in rows if row.title == "X Forum of Regions of Belarus and Russia")
    assert {sector for activity_id, sector in sectors if activity_id == ufa}
    with EVENTS.open(encoding="utf-8") as handle:
        given = sum(1 for row in csv.DictReader(handle) if row["sector"].strip())
    assert len({activity_id for activity_id, _ in sectors}) >= given  # every sector the file gives is kept


def test_the_docx_has_the_headings_the_summary_table_and_the_map(store_catalog, registry):
    body, name = make_report(store_catalog, ARGS, "docx", "ru")
    assert name == "borderlinks-ties-RUS-BLR-2023-01-01-2025-12-31-ru.docx"
    document = Document(io.BytesIO(body))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == "Состояние побратимских связей: Россия – Беларусь"
    assert [t(key, "ru") for key in SECTIONS] == [h for h in headings if h in {t(k, "ru") for k in SECTIONS}]
    summary = document.tables[0]
    assert [cell.text for cell in summary.rows[0].cells] == ["Показатель", "Значение"]
    expected = summary_rows(monitoring_data(store_catalog, ARGS), "ru")
    assert [tuple(cell.text for cell in row.cells) for row in summary.rows[1:]] == expected
    assert len(document.inline_shapes) == 1  # the map, as a picture
    plan_rows = [tuple(c.text for c in row.cells) for table in document.tables for row in table.rows]
    assert ("Hold the Forum of Regions", "Экономика и инвестиции", "", format_date(dt.date(2025, 6, 30), "ru"),
            "1 / 1", "выполнено") in plan_rows


def test_the_pdf_has_the_same_headings_in_russian(store_catalog, registry):
    body, name = make_report(store_catalog, ARGS, "pdf", "ru")
    assert name.endswith("-ru.pdf") and body.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(body))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert len(reader.pages) >= 3
    for key in ("report.h.summary", *SECTIONS[1:]):
        assert t(key, "ru") in text, key
    assert "Россия – Беларусь" in text and "XII Форум регионов России и Беларуси" in text


def test_the_english_report_speaks_english(store_catalog, registry):
    report, _ = build_report(store_catalog, ARGS, "en", with_map=False)
    assert report.headings()[:2] == ["State of twin-city ties: Russia – Belarus", "Summary"]


def test_the_report_numbers_are_the_apis(store_catalog, registry):
    server = flask.Flask("test")
    register_monitoring_api(server, lambda: store_catalog)
    answer = server.test_client().get("/api/v1/monitoring/ties", query_string={**ARGS, "lang": "ru"})
    assert answer.status_code == 200
    summary = answer.get_json()["summary"]
    rows = dict(summary_rows(monitoring_data(store_catalog, ARGS), "ru"))
    number = lambda text: int(text.replace("\u00a0", "").replace(" ", ""))  # noqa: E731
    assert number(rows["Побратимских связей в пространстве"]) == summary["ties"] == len(answer.get_json()["ties"])
    assert number(rows["Активные связи"]) == summary["ties_by_state"]["active"]
    assert number(rows["Спящие связи"]) == summary["ties_by_state"]["dormant"]
    assert number(rows["Проведено мероприятий"]) == summary["activities_held"] == sum(
        summary["activities_by_year"].values())
    assert number(rows["Запланированы, срок прошёл, отчёта нет"]) == summary["coverage"]["overdue_reports"]
    assert rows["Выполнено пунктов плана"] == f"{summary['plan_items_by_state']['done']} / {summary['plan_items']}"
    assert summary["ties"] > 100 and summary["activities_held"] >= 15
    refused = server.test_client().get("/api/v1/monitoring/ties", query_string={"countries": "RUS,XXX"})
    assert refused.status_code == 400 and "XXX" in refused.get_json()["error"]


def test_the_command_line_writes_the_report(store_catalog, registry, tmp_path, capsys):
    output = tmp_path / "ties.docx"
    assert main(["report", "ties", "--countries", "RUS,BLR", "--from", "2023-01-01", "--to", "2025-12-31",
                 "--format", "docx", "--lang", "en", "-o", str(output)]) == 0
    headings = [p.text for p in Document(str(output)).paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Summary"
    assert main(["report", "ties", "--countries", "RUS,BLR", "--from", "2025-12-31", "--to", "2023-01-01",
                 "-o", str(tmp_path / "x.docx")]) == 2
    assert "period ends before it starts" in capsys.readouterr().err
