"""The registry's test world: the tiny catalogue of tiny_world.py (plus a Ukrainian "Подольск" to make
the Russian name ambiguous), its gazetteer, a registry on a temporary SQLite file, and the fixture files.

    Podolsk 554234 (RUS) – Gomel 627907 (BLR), Minsk 625144 (BLR), Munich 2867714 (DEU)
    Bryansk 571476 (RUS) – Gomel;  Moscow 524901 (RUS) – Minsk, Almaty 1526384 (KAZ);  Heihe 2036973 – Almaty
    Podilsk 704679 (UKR), Russian name "Подольск", 39,220 people: no twin
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from tiny_world import tiny_catalog

from dashboard.registry.database import registry_engine
from dashboard.registry.gazetteer import Gazetteer
from dashboard.store.catalog import Catalog

FIXTURES = Path(__file__).parent / "fixtures"
RU_CP1251 = FIXTURES / "activities_ru_cp1251.csv"
AS_OF = dt.date(2025, 6, 30)

CORRIDORS = pd.DataFrame({"corridor_id": ["abec", "podolsk_gomel"],
                          "name_en": ["Almaty–Bishkek Economic Corridor", "Podolsk–Gomel test corridor"],
                          "name_ru": ["Экономический коридор Алматы — Бишкек", "Тестовый коридор"],
                          "place_ids": [(1526384,), (554234, 627907)]})


def registry_catalog() -> Catalog:
    base = tiny_catalog()
    extra = pd.DataFrame({
        "place_id": [704679], "name_en": ["Podilsk"], "name_ru": ["Подольск"], "name_zh": [None], "iso3": ["UKR"],
        "region_id": [None], "lat": [47.75], "lon": [29.53], "population": [39220], "scalerank": [None],
        "origin": ["geonames"], "partners": [0]})
    places = pd.concat([base.places, extra], ignore_index=True)
    return Catalog(base.countries, base.memberships, base.regions, places, base.twinnings, base.info)


def gazetteer(catalog: Catalog | None = None) -> Gazetteer:
    catalog = catalog or registry_catalog()
    return Gazetteer(catalog.places, catalog.regions, catalog.countries, catalog.twinnings, None, CORRIDORS)


def new_registry(tmp_path: Path):
    return registry_engine(f"sqlite:///{tmp_path / 'registry.sqlite'}")


PASSWORD = "correct horse battery"


def app_registry(tmp_path: Path, monkeypatch, catalog: Catalog | None = None, editor: str | None = "anna"):
    """The registry an app under test uses: a new SQLite file in tmp_path (BORDERLINKS_REGISTRY_URL), the
    real events left unseeded, and an editor `editor` with PASSWORD. With `catalog`, the app runs on it
    instead of the store (and the gazetteer takes its place names from it)."""
    from dashboard.registry import gazetteer as gazetteer_module
    from dashboard.registry.database import set_meta_value
    from dashboard.registry.users import add_user
    from dashboard.store import catalog as store_catalog

    if catalog is not None:
        monkeypatch.setattr(store_catalog, "load_catalog", lambda url=None: catalog)
        monkeypatch.setattr(gazetteer_module, "_store_place_names", lambda: None)
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    monkeypatch.setenv("BORDERLINKS_REGISTRY_URL", url)
    engine = registry_engine(url)
    with engine.begin() as connection:
        set_meta_value(connection, "events_seeded", "test")  # the real events need the real store
        set_meta_value(connection, "reference_events_sha256", "off")
    if editor:
        add_user(engine, editor, PASSWORD, "editor")
    return engine


def csv_bytes(rows: list[list[str]], separator: str = ",", encoding: str = "utf-8") -> bytes:
    """A CSV file's bytes (cells quoted when needed)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


HEADER_EN = ["Title", "Type", "Start date", "End date", "Places", "Regions", "Countries", "Twinning", "Organiser",
             "Source"]


def english_rows() -> list[list[str]]:
    return [
        HEADER_EN,
        ["Days of Belarusian culture in Podolsk", "festival", "2024-09-12", "2024-09-14", "Podolsk; Gomel", "", "",
         "Podolsk – Gomel", "Podolsk city", "https://example.org/1"],
        ["Border regions forum", "forum", "05.06.2023", "", "", "Bryansk Oblast; Gomel Region", "RUS", "",
         "Bryansk region", "https://example.org/2"],
        ["Youth exchange Moscow – Minsk", "Youth or education exchange", "2025-07-01", "2025-07-10",
         "524901; 625144", "", "", "", "", "https://example.org/3"],
    ]
