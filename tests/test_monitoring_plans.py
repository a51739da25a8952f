"""Monitoring between meetings on a real registry (SQLite and PostgreSQL): activity statuses and the
"overdue report" flag, meetings, plan-vs-fact on a small plan, and the plan import that names a bad row."""

from __future__ import annotations

import datetime as dt

import pytest
from registry_world import csv_bytes, gazetteer, registry_catalog
from sqlalchemy import func, select

from dashboard.registry.database import registry_engine
from dashboard.registry.frames import read_frames
from dashboard.registry.meetings import last_meeting, meetings_frame, meetings_in_events, seed_meetings
from dashboard.registry.monitoring_summary import default_period, monitoring_for
from dashboard.registry.monitoring_ties import Space
from dashboard.registry.plan_import import commit_plan, parse_period, preview_plan
from dashboard.registry.plans import Plan, PlanItem, create_plan, item_states, link_activity, read_plans
from dashboard.registry.reading import ImportRefused
from dashboard.registry.records import ActivityValues, insert_activity, update_activity
from dashboard.registry.schema import action_plans, activity_status_changes, plan_items
from dashboard.registry.statuses import status_history

AS_OF = dt.date(2025, 6, 30)
PODOLSK, GOMEL, BRYANSK, MINSK = 554234, 627907, 571476, 625144


@pytest.fixture
def engine(registry_url):
    return registry_engine(registry_url)


def activity(title: str, start: str, status: str, places=(PODOLSK, GOMEL), sectors=("culture",), end=None):
    day = dt.date.fromisoformat(start)
    return ActivityValues(title=title, activity_type="festival", start_date=day,
                          end_date=dt.date.fromisoformat(end) if end else day, places=places,
                          countries=("RUS", "BLR"), twinning=(PODOLSK, GOMEL) if places == (PODOLSK, GOMEL) else None,
                          sectors=sectors, status=status, source_url="https://example.org/" + title.replace(" ", "-"))


def add(engine, values, at=dt.datetime(2025, 1, 10, 12, 0)) -> int:
    with engine.begin() as connection:
        return insert_activity(connection, values, "anna", at=at)


def period_data(engine, start=dt.date(2023, 1, 1), end=dt.date(2025, 12, 31)):
    catalog = registry_catalog()
    return monitoring_for(catalog, read_frames(engine), read_plans(engine), meetings_frame(engine),
                          Space(countries=("RUS", "BLR")), start, end, as_of=AS_OF)


# ---- statuses ----------------------------------------------------------------------------------------------

def test_a_planned_activity_past_its_date_shows_overdue_report_and_cancelled_ones_are_not_held(engine):
    add(engine, activity("Held festival", "2024-05-01", "held"))
    add(engine, activity("Festival never reported", "2025-03-01", "planned"))
    add(engine, activity("Festival next year", "2025-09-01", "planned"))
    add(engine, activity("Cancelled festival", "2024-08-01", "cancelled"))
    add(engine, activity("Postponed festival", "2024-09-01", "postponed"))
    data = period_data(engine)
    flagged = dict(zip(data.activities["title"], data.activities["overdue_report"]))
    assert flagged == {"Held festival": False, "Festival never reported": True, "Festival next year": False,
                       "Cancelled festival": False, "Postponed festival": False}
    summary = data.summary()
    assert summary["activities_held"] == 1 and summary["activities_by_year"] == {2023: 0, 2024: 1, 2025: 0}
    assert summary["activities_by_status"] == {"planned": 2, "held": 1, "postponed": 1, "cancelled": 1}
    assert summary["coverage"]["overdue_reports"] == 1
    assert summary["activities_by_sector"] == {"culture": 1}


def test_each_status_change_is_kept_with_its_date(engine):
    values = activity("Festival", "2025-03-01", "planned")
    activity_id = add(engine, values)
    with engine.begin() as connection:
        update_activity(connection, activity_id, ActivityValues(**{**values.__dict__, "status": "postponed"}), "boris",
                        at=dt.datetime(2025, 2, 20, 9, 0))
        update_activity(connection, activity_id, ActivityValues(**{**values.__dict__, "status": "held",
                                                                   "notes": "report received"}),
                        "anna", at=dt.datetime(2025, 4, 2, 9, 0))
        history = status_history(connection, activity_id)
        assert connection.execute(select(func.count()).select_from(activity_status_changes)).scalar() == 3
    assert [(h["status"], h["changed_on"], h["recorded_by"]) for h in history] == [
        ("planned", dt.date(2025, 1, 10), "anna"), ("postponed", dt.date(2025, 2, 20), "boris"),
        ("held", dt.date(2025, 4, 2), "anna")]


# ---- meetings ----------------------------------------------------------------------------------------------

def test_the_cited_forums_are_seeded_once_and_give_the_default_period(engine):
    cited = meetings_in_events()
    assert {(m.start_date.year, m.place_name) for m in cited if "Regions" in m.title} == {
        (2023, "Ufa"), (2024, "Vitebsk"), (2025, "Nizhny Novgorod")}
    assert all(m.source_url.startswith("http") and m.countries == ("BLR", "RUS") for m in cited)
    assert seed_meetings(engine) == len(cited) and seed_meetings(engine) == 0
    frame = meetings_frame(engine)
    meeting = last_meeting(frame, ("RUS", "BLR"), dt.date(2025, 10, 1))
    assert meeting["title"] == "XII Forum of Regions of Russia and Belarus"
    assert default_period(frame, ("RUS", "BLR"), dt.date(2025, 10, 1)) == (dt.date(2025, 6, 28), dt.date(2025, 10, 1))


# ---- plan-vs-fact --------------------------------------------------------------------------------------------

def test_plan_vs_fact_gives_each_item_its_state(engine):
    held = add(engine, activity("Days of Gomel in Podolsk", "2024-05-01", "held"))
    held_2 = add(engine, activity("Youth camp", "2024-07-01", "held", sectors=("youth",)))
    planned = add(engine, activity("Trade fair", "2025-09-01", "planned", sectors=("economy",)))
    items = [
        PlanItem("Days of culture", sector="culture", due_to=dt.date(2024, 12, 31)),             # done
        PlanItem("Two youth camps", sector="youth", target=2, due_to=dt.date(2025, 12, 31)),      # in progress
        PlanItem("Trade fair", sector="economy", due_to=dt.date(2025, 12, 31)),                   # in progress
        PlanItem("Joint tourist route", sector="tourism", due_to=dt.date(2025, 3, 31)),           # overdue
        PlanItem("Sport games", sector="sport", due_from=dt.date(2025, 7, 1),
                 due_to=dt.date(2026, 6, 30)),                                                    # not started
        PlanItem("Two exchanges", sector="youth", target=2, due_to=dt.date(2025, 1, 31)),         # overdue (1 of 2)
    ]
    with engine.begin() as connection:
        plan_id = create_plan(connection, Plan("Plan 2024–2026", ("RUS", "BLR"), adopted_by="Associations",
                                               adopted_on=dt.date(2024, 2, 1)), items, "anna")
        ids = [row[0] for row in connection.execute(select(plan_items.c.item_id).where(
            plan_items.c.plan_id == plan_id).order_by(plan_items.c.position))]
        link_activity(connection, ids[0], held, "anna")
        link_activity(connection, ids[1], held_2, "anna")
        link_activity(connection, ids[2], planned, "anna")
        link_activity(connection, ids[5], held_2, "anna")
        assert link_activity(connection, ids[0], held, "anna") is False  # once
    plans = read_plans(engine)
    states = item_states(plans.items, plans.links, read_frames(engine).activities, AS_OF)
    assert list(states["state"]) == ["done", "in_progress", "in_progress", "overdue", "not_started", "overdue"]
    data = period_data(engine)
    assert data.summary()["plan_items_by_state"] == {"done": 1, "in_progress": 2, "overdue": 2, "not_started": 1}
    by_sector = data.plan_progress("sector").set_index("sector")
    assert by_sector.loc["youth", "total"] == 2 and by_sector.loc["culture", "done_share"] == 1.0


# ---- plan import -----------------------------------------------------------------------------------------------

HEADERS = ["№", "Мероприятие", "Сектор", "Ответственные", "Страны", "Срок исполнения", "Показатель",
           "Целевое значение"]


def test_a_plan_in_russian_imports_with_its_periods(engine):
    rows = [HEADERS,
            ["1", "Дни культуры Гомеля в Подольске", "культура", "Администрации городов", "Россия; Беларусь",
             "II квартал 2024", "число мероприятий", "1"],
            ["2", "Молодёжный форум", "Молодёжь", "Ассоциации", "RUS; BLR", "2024–2025", "участники", "2"],
            ["3", "Ярмарка", "экономика", "", "", "до 01.06.2025", "", ""]]
    preview = preview_plan(csv_bytes(rows, ";"), "план.csv", gazetteer())
    assert preview.rejections == [] and len(preview.items) == 3
    first = preview.items[0][1]
    assert (first.sector, first.due_from, first.due_to, first.countries) == (
        "culture", dt.date(2024, 4, 1), dt.date(2024, 6, 30), ("BLR", "RUS"))
    assert preview.items[2][1].due_to == dt.date(2025, 6, 1) and preview.items[1][1].target == 2
    plan_id = commit_plan(engine, csv_bytes(rows, ";"), "план.csv", gazetteer(),
                          Plan("План мероприятий", ("RUS", "BLR")), user="anna", expected_digest=preview.digest)
    assert (read_plans(engine).items["plan_id"] == plan_id).sum() == 3


def test_a_plan_import_with_a_bad_date_names_the_row_and_column_and_writes_nothing(engine):
    rows = [HEADERS,
            ["1", "Дни культуры", "культура", "", "", "2024", "", ""],
            ["2", "Форум", "экономика", "", "", "31.02.2025", "", ""],
            ["3", "Выставка", "космос", "", "", "2025", "", "много"]]
    data = csv_bytes(rows, ";")
    preview = preview_plan(data, "plan.csv", gazetteer())
    reasons = [(r["row"], r["column"], r["reason"]) for r in preview.summary("ru")["rejections"]]
    assert reasons[0][:2] == (3, "Срок исполнения") and "31.02.2025" in reasons[0][2]
    assert {(row, column) for row, column, _ in reasons[1:]} == {(4, "Сектор"), (4, "Целевое значение")}
    with pytest.raises(ImportRefused):
        commit_plan(engine, data, "plan.csv", gazetteer(), Plan("План", ("RUS", "BLR")), user="anna")
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(action_plans)).scalar() == 0
        assert connection.execute(select(func.count()).select_from(plan_items)).scalar() == 0


@pytest.mark.parametrize("text, expected", [
    ("2024", (dt.date(2024, 1, 1), dt.date(2024, 12, 31))),
    ("IV квартал 2025 г.", (dt.date(2025, 10, 1), dt.date(2025, 12, 31))),
    ("Q1 2025", (dt.date(2025, 1, 1), dt.date(2025, 3, 31))),
    ("до 01.06.2025", (None, dt.date(2025, 6, 1))),
    ("05.2024 – 09.2024", (dt.date(2024, 5, 1), dt.date(2024, 9, 30))),
    ("весной", None), ("31.02.2025", None),
])
def test_due_periods(text, expected):
    assert parse_period(text) == expected
