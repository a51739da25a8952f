"""Reference events, registry records and samples: kept apart in the data, counted together, and the
reference table brought into registries that already have an older copy of it."""

from __future__ import annotations

import datetime as dt

import flask
import pytest
from registry_world import gazetteer, registry_catalog
from sqlalchemy import select

from dashboard.registry import service
from dashboard.registry.database import registry_engine, set_meta_value
from dashboard.registry.frames import read_frames
from dashboard.registry.importing import commit_import
from dashboard.registry.records import ActivityValues, insert_activities, set_withdrawn
from dashboard.registry.reference_events import SYNCED_META, sync_reference_events
from dashboard.registry.schema import activities
from dashboard.registry.tables import activities_table
from dashboard.registry.views import activities_in_view
from dashboard.state import ViewState

HEADER = "title,type,start_date,places,countries,source"
OLD_ROWS = [  # as an old registry imported them, before the rows had ids
    "Forum of twin cities Podolsk and Gomel,forum,2024-05-17,Podolsk [554234]; Gomel [627907],,https://example.org/a",
    "Minsk days in Moscow,festival,2024-09-18,Moscow [524901],RUS; BLR,https://example.org/b",
    "Almaty business mission,business_mission,2023-03-01,Almaty [1526384],,https://example.org/c",
]
NEW_ROWS = [
    "ev001,Forum of twin cities Podolsk and Gomel,forum,2024-05-17,Podolsk [554234]; Gomel [627907],,https://example.org/a",
    # reworded since the old import: the same event (date, type, place), found again
    "ev002,Days of Minsk in Moscow,festival,2024-09-18,Moscow [524901],RUS; BLR,https://example.org/b",
    "ev003,Almaty business mission,business_mission,2023-03-01,Almaty [1526384],,https://example.org/c",
    "ev004,Bryansk and Gomel youth exchange,youth_exchange,2025-07-01,Bryansk [571476]; Gomel [627907],,https://example.org/d",
    "ev005,Heihe fair,exhibition,2025-06-01,Heihe [2036973],,https://example.org/e",
]


def write(path, header: str, rows: list[str]):
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def live(engine, state: ViewState = ViewState()):
    frames = read_frames(engine)
    return frames, activities_in_view(frames, registry_catalog(), state)


def test_an_old_registry_gets_the_new_reference_rows_and_a_deleted_one_stays_deleted(tmp_path):
    engine = registry_engine(f"sqlite:///{tmp_path / 'r.sqlite'}")
    gaz = gazetteer()
    old = write(tmp_path / "events.csv", HEADER, OLD_ROWS)
    commit_import(engine, old.read_bytes(), "events.csv", gaz, user="system", origin="seed")
    with engine.begin() as connection:
        set_meta_value(connection, "events_seeded", "2025-01-01T00:00:00")
        almaty = connection.execute(select(activities.c.activity_id)
                                    .where(activities.c.title == "Almaty business mission")).scalar()
        set_withdrawn(connection, almaty, True, "anna")  # a user deleted it

    new = write(tmp_path / "events.csv", "event_id," + HEADER, NEW_ROWS)
    counts = sync_reference_events(engine, gaz, new)
    assert counts["added"] == 2 and counts["kept_withdrawn"] == 1 and counts["rejected"] == 0
    assert counts["updated"] + counts["unchanged"] + counts["adopted"] == 2
    frames, view = live(engine)
    titles = sorted(view.activities["title"])
    assert titles == ["Bryansk and Gomel youth exchange", "Days of Minsk in Moscow",
                      "Forum of twin cities Podolsk and Gomel", "Heihe fair"]  # reworded, not doubled
    assert set(view.activities["origin"]) == {"reference"}

    assert sync_reference_events(engine, gaz, new) is None  # the same file: nothing to do
    with engine.begin() as connection:
        set_meta_value(connection, SYNCED_META, "an older file")
    again = sync_reference_events(engine, gaz, new)
    assert again["added"] == 0 and again["kept_withdrawn"] == 1 and again["updated"] == 0
    assert len(read_frames(engine).activities) == 4


def test_a_registry_record_of_a_reference_event_is_shown_once_with_both_origins(tmp_path):
    engine = registry_engine(f"sqlite:///{tmp_path / 'r.sqlite'}")
    sync_reference_events(engine, gazetteer(), write(tmp_path / "events.csv", "event_id," + HEADER, NEW_ROWS[:2]))
    day = dt.date(2024, 5, 17)
    with engine.begin() as connection:
        insert_activities(connection, [
            # the secretariat's own record of the reference forum: same date, type and a place in common
            (ActivityValues("Twin-city forum (our record)", "forum", day, day, places=(627907,),
                            countries=("BLR",)), None),
            (ActivityValues("Sister-school visit", "youth_exchange", day, day, places=(627907,),
                            countries=("BLR",)), None)], "anna")
        insert_activities(connection, [
            (ActivityValues("Generated forum (sample)", "forum", day, day, places=(627907,), countries=("BLR",)),
             None)], "sample-generator", is_sample=True)

    frames, view = live(engine)
    assert len(frames.activities) == 5 and len(view.activities) == 3  # the double once, no sample
    table = activities_table(view, registry_catalog()).set_index("title")
    assert table.loc["Forum of twin cities Podolsk and Gomel", "origin"] == "reference; registry"
    assert table.loc["Forum of twin cities Podolsk and Gomel", "registry_ids"] != ""
    assert table.loc["Sister-school visit", "origin"] == "registry"
    assert table.loc["Days of Minsk in Moscow", "origin"] == "reference"

    _, registry_only = live(engine, ViewState(origin="registry"))
    assert sorted(registry_only.activities["title"]) == ["Forum of twin cities Podolsk and Gomel",
                                                         "Sister-school visit"]
    _, reference_only = live(engine, ViewState(origin="reference"))
    assert len(reference_only.activities) == 2
    _, with_samples = live(engine, ViewState(sample=True))
    assert len(with_samples.activities) == 4 and with_samples.includes_sample
    assert ViewState.from_query("?origin=reference").origin == "reference"


@pytest.mark.store
def test_the_api_lists_the_cited_events_of_2023_2025(tmp_path, monkeypatch, store_catalog):
    """A fresh registry on the real store: at least 50 reference events of 2023-2025, each with its source,
    the SCO heads of regions forum in Omsk (September 2024) among them, no sample."""
    from dashboard.web.api import register_api

    monkeypatch.setenv("BORDERLINKS_REGISTRY_URL", f"sqlite:///{tmp_path / 'registry.sqlite'}")
    service._synced.clear()
    server = flask.Flask(__name__)
    register_api(server, catalog_source=lambda: store_catalog)
    body = server.test_client().get("/api/v1/activities?space=world&from=2023&to=2025").get_json()
    rows = body["activities"]
    reference = [row for row in rows if "reference" in row["origin"]]
    assert len(reference) >= 50
    assert all(row["source_url"].startswith("http") for row in reference)
    assert not any(row["sample"] for row in rows)
    assert any("Omsk" in row["places"] and row["start_date"].startswith("2024-09") for row in reference)
    assert all("2023" <= row["start_date"][:4] <= "2025" for row in rows)
