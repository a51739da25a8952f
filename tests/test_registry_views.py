"""What the global filters select among activities, and counts equal to SQL for the same filter."""

from __future__ import annotations

import datetime as dt

import pytest
from registry_world import RU_CP1251, csv_bytes, english_rows, gazetteer, new_registry, registry_catalog
from sqlalchemy import text

from dashboard.registry import views
from dashboard.registry.frames import read_frames
from dashboard.registry.importing import commit_import
from dashboard.registry.samples import replace_samples, sample_activities
from dashboard.registry.tables import activities_payload, activities_table, monitoring_of
from dashboard.state import ACTIVITY_STATUSES, ViewState

TODAY = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    catalog = registry_catalog()
    engine = new_registry(tmp_path_factory.mktemp("views"))
    gaz = gazetteer(catalog)
    commit_import(engine, RU_CP1251.read_bytes(), "ru.csv", gaz, user="anna", today=TODAY)
    rows = english_rows()
    rows[1][0] = "Podolsk–Gomel friendship days"  # not the same activity as the Russian file's
    commit_import(engine, csv_bytes(rows), "en.csv", gaz, user="anna", today=TODAY)
    replace_samples(engine, sample_activities(catalog, seed=3, count=60, as_of=TODAY), seed=3)
    return catalog, engine, read_frames(engine)


def sql_count(engine, where: str = "", join_countries: tuple[str, ...] = ()) -> int:
    """COUNT(DISTINCT activity) straight from the registry's tables."""
    join = ""
    if join_countries:
        listed = ", ".join(f"'{c}'" for c in join_countries)
        join = f" JOIN activity_countries c ON c.activity_id = a.activity_id AND c.iso3 IN ({listed})"
    query = f"SELECT COUNT(DISTINCT a.activity_id) FROM activities a{join} WHERE NOT a.withdrawn {where}"
    with engine.connect() as connection:
        return connection.execute(text(query)).scalar()


def status_clause(statuses: tuple[str, ...]) -> str:
    """The statuses counted (held ones only unless the URL says otherwise)."""
    return " AND a.status IN ({})".format(", ".join(f"'{s}'" for s in statuses)) if statuses else " AND 0"


def year_clause(low: int | None, high: int | None) -> str:
    clause = ""
    if low is not None:
        clause += f" AND CAST(strftime('%Y', a.start_date) AS INTEGER) >= {low}"
    if high is not None:
        clause += f" AND CAST(strftime('%Y', a.start_date) AS INTEGER) <= {high}"
    return clause


@pytest.mark.parametrize("query", [
    "?space=world", "?space=world&sample=1", "?space=world&from=2023&to=2025", "?space=world&countries=BLR",
    "?space=world&countries=BLR,KAZ&from=2024", "?space=world&blocs=EAEU&sample=1",
    "?space=world&countries=RUS&to=2023&sample=1", "?space=world&activity_status=planned",
    "?space=world&activity_status=planned,held,postponed,cancelled&sample=1",
])
def test_counts_equal_sql_for_the_same_filter(world, query):
    catalog, engine, frames = world
    state = ViewState.from_query(query)
    view = views.activities_in_view(frames, catalog, state)
    from dashboard.store import queries

    countries = queries.selected_countries(catalog.memberships, state)
    where = year_clause(state.year_from, state.year_to) + ("" if state.sample else " AND NOT a.is_sample") \
        + status_clause(state.activity_status)
    assert len(view.activities) == sql_count(engine, where, countries)
    # by year and type
    by_year_type = views.counts_by_year_type(view)
    join = ""
    if countries:
        listed = ", ".join(f"'{c}'" for c in countries)
        join = f" JOIN (SELECT DISTINCT activity_id FROM activity_countries WHERE iso3 IN ({listed})) c " \
               "ON c.activity_id = a.activity_id"
    sql = (f"SELECT CAST(strftime('%Y', a.start_date) AS INTEGER) AS year, a.activity_type, COUNT(*) "
           f"FROM activities a{join} WHERE NOT a.withdrawn {where} GROUP BY 1, 2")
    with engine.connect() as connection:
        expected = {(int(y), kind): n for y, kind, n in connection.execute(text(sql))}
    assert {(int(y), k): int(n) for y, k, n in by_year_type.itertuples(index=False)} == expected
    # by country
    by_country = views.counts_by_country(view, catalog.countries)
    sql = (f"SELECT ac.iso3, COUNT(DISTINCT a.activity_id) FROM activities a{join} "
           f"JOIN activity_countries ac ON ac.activity_id = a.activity_id WHERE NOT a.withdrawn {where} GROUP BY 1")
    with engine.connect() as connection:
        expected = dict(connection.execute(text(sql)).all())
    assert dict(zip(by_country["iso3"], by_country["count"])) == expected


def test_sample_data_is_out_unless_asked_for(world):
    catalog, _, frames = world
    real = views.activities_in_view(frames, catalog, ViewState(space="world"))
    both = views.activities_in_view(frames, catalog, ViewState(space="world", sample=True))
    assert not real.includes_sample and both.includes_sample
    assert len(both.activities) == len(real.activities) + 60
    assert not real.activities["title"].str.endswith("(sample)").any()


def titles(world, query: str) -> set[str]:
    """The titles the query selects, of any status (the place filters are what these tests are about)."""
    catalog, _, frames = world
    state = ViewState.from_query(query).replace(activity_status=ACTIVITY_STATUSES)
    return set(views.activities_in_view(frames, catalog, state).activities["title"])


def test_place_filters_mean_what_they_mean_on_the_map(world):
    # Bryansk region (RUS-BRY) is a border region, Moscow Oblast (Podolsk) is not
    border = titles(world, "?border=1")
    assert "Форум приграничных регионов «Брянск — Гомель»" in border  # its regions are border regions
    assert "Дни белорусской культуры в Подольске" in border  # Gomel is in a border region ("touching")
    assert "Деловая миссия в Алматы" in border  # Almaty region is a border region
    within = titles(world, "?border=1&scope=within")
    assert "Дни белорусской культуры в Подольске" not in within  # Podolsk is not
    assert "Туристический маршрут «Брянск — Гомель»" in within
    # population applies to cities: a region-only activity drops out
    big = titles(world, "?minpop=300000")
    assert "Форум приграничных регионов «Брянск — Гомель»" not in big
    assert "Молодёжный обмен Москва — Минск" in big
    assert titles(world, "?regions=RUS-BRY") >= {"Форум приграничных регионов «Брянск — Гомель»",
                                                 "Туристический маршрут «Брянск — Гомель»"}


def test_between_two_countries(world):
    between = titles(world, "?scope=between&pair=RUS,BLR")
    assert "Молодёжный обмен Москва — Минск" in between
    assert "Деловая миссия в Алматы" not in between
    assert titles(world, "?scope=between&pair=RUS") == set()  # an incomplete pair selects nothing


def test_the_three_proposed_years_ignore_the_year_range(world):
    catalog, _, frames = world
    view = views.activities_in_view(frames, catalog, ViewState(year_from=2025), use_years=False)
    side = views.years_side_by_side(view)
    assert sorted(side["year"].unique()) == [2023, 2024, 2025]
    assert side.loc[side["year"] == 2023, "count"].sum() == 3  # two forums and the business mission


def test_counts_by_region_corridor_month_place(world):
    from registry_world import CORRIDORS

    catalog, _, frames = world
    view = views.activities_in_view(frames, catalog, ViewState())
    regions = views.counts_by_border_region(view, catalog)
    assert set(regions["region_id"]) <= set(catalog.regions.loc[catalog.regions["on_land_border"], "region_id"])
    assert regions.set_index("region_id").loc["BLR-GOM", "count"] >= 3
    corridors = views.counts_by_corridor(view, CORRIDORS)
    assert corridors.set_index("corridor_id").loc["podolsk_gomel", "count"] == 2  # both Podolsk–Gomel festivals
    months, year_only = views.counts_by_month(view)
    assert year_only == 1 and months["count"].sum() == len(view.activities) - 1
    places = views.counts_by_place(view, catalog.places)
    assert places.set_index("place_id").loc[627907, "count"] == 3  # Gomel: two festivals and the route


def test_tables_for_export(world):
    catalog, _, frames = world
    view = views.activities_in_view(frames, catalog, ViewState(lang="ru"))
    table = activities_table(view, catalog, "ru")
    assert len(table) == len(view.activities) and not table["sample"].any()
    row = table.set_index("title").loc["Дни белорусской культуры в Подольске"]
    assert row["places"] == "Гомель; Подольск" and row["twinning"] == "Подольск – Гомель"
    assert row["type"] == "Фестиваль"
    status = monitoring_of(frames, catalog, ViewState(countries=("BLR",)), as_of=TODAY)
    pairs = set(zip(status["place_a"], status["place_b"]))
    assert (554234, 627907) in pairs and (524901, 1526384) not in pairs
    assert status.set_index(["place_a", "place_b"]).loc[(554234, 627907), "status"] == "active"


def test_activities_answer_to_the_space(world):
    """Issue 14: by default the activities are those of the space; an activity with a place outside it
    shows with "the space with the world"; the world shows every one."""
    catalog, _, frames = world
    every = {"sample": True, "activity_status": ACTIVITY_STATUSES}
    everything = views.activities_in_view(frames, catalog, ViewState(space="world", **every)).activities
    inside = views.activities_in_view(frames, catalog, ViewState(space="BLR", **every)).activities
    outward = views.activities_in_view(frames, catalog, ViewState(space="BLR", link_scope="outward",
                                                                  **every)).activities
    countries = frames.countries.groupby("activity_id")["iso3"].agg(set)
    assert len(inside) and set(inside["activity_id"]) <= {a for a, c in countries.items() if c <= {"BLR"}}
    assert set(outward["activity_id"]) == {a for a, c in countries.items() if "BLR" in c}
    assert len(inside) < len(outward) < len(everything)


@pytest.fixture(scope="module")
def statuses_world(tmp_path_factory):
    """The Russian file (two activities planned as of TODAY) and one postponed, one cancelled activity."""
    catalog = registry_catalog()
    engine = new_registry(tmp_path_factory.mktemp("statuses"))
    gaz = gazetteer(catalog)
    commit_import(engine, RU_CP1251.read_bytes(), "ru.csv", gaz, user="anna", today=TODAY)
    header = english_rows()[0] + ["Status"]
    rows = [["Gomel–Podolsk film week", "festival", "2024-10-12", "2024-10-14", "Podolsk; Gomel", "", "",
             "Podolsk – Gomel", "Podolsk city", "https://example.org/4", "cancelled"],
            ["Border regions summit", "forum", "05.11.2023", "", "", "Bryansk Oblast; Gomel Region", "RUS", "",
             "Bryansk region", "https://example.org/5", "перенесено"]]
    commit_import(engine, csv_bytes([header, *rows]), "statuses.csv", gaz, user="anna", today=TODAY)
    return catalog, engine, read_frames(engine)


def test_held_activities_are_counted_by_default_and_planned_ones_apart(statuses_world):
    """Issue 17: counts of what happened count held activities; planned ones are shown as such (with "overdue
    report" once their last day has passed), postponed and cancelled ones are never counted as held."""
    catalog, engine, frames = statuses_world
    state = ViewState(space="world")
    by_status = dict(frames.activities.groupby("status").size())
    assert by_status == {"held": 5, "planned": 1, "postponed": 1, "cancelled": 1}
    held = views.activities_in_view(frames, catalog, state)
    assert set(held.activities["status"]) == {"held"} and len(held.activities) == 5
    assert views.counts_by_year_type(held)["count"].sum() == 5
    assert views.planned_figures(frames, catalog, state, today=TODAY) == {"planned": 1, "overdue_report": 0}
    assert views.planned_figures(frames, catalog, state, today=dt.date(2025, 8, 1)) == \
        {"planned": 1, "overdue_report": 1}
    assert "Gomel–Podolsk film week" not in set(held.activities["title"])
    both = views.activities_in_view(frames, catalog, ViewState.from_query("?space=world&activity_status=held,planned"))
    assert len(both.activities) == 6
    listed = activities_table(both, catalog, "en").set_index("title")
    assert listed.loc["Молодёжный обмен Москва — Минск", "status"] == "planned"
    assert listed.loc["Форум приграничных регионов «Брянск — Гомель»", "status"] == "held"
    # the API's rows and meta say the same
    table, meta = activities_payload(catalog, state, frames)
    assert len(table) == 5 and set(table["status"]) == {"held"}
    assert meta["statuses_counted"] == ["held"] and meta["key_figures"]["activities"] == 5
    assert meta["planned"]["planned"] == 1
    # a tie's life is its held activities: the cancelled film week is not Podolsk–Gomel's last activity
    ties = monitoring_of(frames, catalog, ViewState(space="world"), as_of=TODAY).set_index(["place_a", "place_b"])
    assert ties.loc[(554234, 627907), "activity_count"] == 1
    assert ties.loc[(554234, 627907), "last_activity"] == dt.datetime(2024, 9, 12)
