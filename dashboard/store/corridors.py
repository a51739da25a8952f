"""Border geography of places, cross-border regions and corridors: the build's tables and loading them.

Build time (`corridor_tables`, called once from dashboard.store.build.compute_tables):
- place_borders: for every place, the great-circle km to the nearest land border of its country and
  the country across it (geo.corridors.nearest_land_border);
- corridor_candidates: every pair of places facing each other across a land border, at most
  CANDIDATE_MAX_KM apart, both with at least CANDIDATE_MIN_POPULATION inhabitants
  (geo.corridors.facing_pairs). Proposals are scored from these at run time
  (dashboard.store.corridor_scoring), so a change of parameter never touches geometry;
- crossborder_regions (+ crossborder_members): the project's cited table data/crossborder_regions.csv,
  each region's geometry the union of its member admin-1 regions;
- known_corridors (+ known_corridor_places): the cited table data/corridors.csv, drawn as lines through
  their cities (a point for a zone with one place).

Run time: `load_corridor_store(url)` reads them once per process (no geometry but the cross-border
regions' display outlines).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from dashboard import settings
from dashboard.memo import frames_digest
from dashboard.store.catalog import engine_for
from geo.corridors import border_distances, facing_pairs, nearest_land_border
from geo.errors import InputError
from geo.tables import read_csv_checked

CROSSBORDER_REGIONS_CSV = settings.PROJECT_ROOT / "data" / "crossborder_regions.csv"
KNOWN_CORRIDORS_CSV = settings.PROJECT_ROOT / "data" / "corridors.csv"
#: the project's own cited tables this module reads (the build's freshness check watches them)
PROJECT_TABLES = (CROSSBORDER_REGIONS_CSV, KNOWN_CORRIDORS_CSV)

#: candidate pairs are stored up to this distance (km) and from this population up (both places):
#: the UI's parameters range within these bounds
CANDIDATE_MAX_KM = 200.0
CANDIDATE_MIN_POPULATION = 10_000

CROSSBORDER_COLUMNS = ["crossborder_id", "name_en", "name_ru", "kind", "founded", "status", "status_date",
                       "status_source", "verification",
                       "countries", "members", "members_part", "member_names", "unverified_countries",
                       "member_note_en", "member_note_ru", "note_en", "note_ru", "source"]
CORRIDOR_COLUMNS = ["corridor_id", "name_en", "name_ru", "kind", "year", "countries", "place_ids",
                    "place_names_en", "place_names_ru", "regions", "facts_en", "facts_ru", "source"]
#: verified = every fact is on the cited page; no_address = known from text without a source address
#: (shown with that caveat); unverified = the facts mark it unverified (listed, never drawn or shown
#: as fact)
VERIFICATIONS = ("verified", "no_address", "unverified")
#: the state after the last change on record (status_date, status_source); unknown: no dated public report
STATUSES = ("active", "suspended", "dissolved", "unknown")
#: euroregions are drawn from their member regions; councils, commissions and forums of regions may list
#: only their countries (then they are listed, not drawn)
KINDS = ("euroregion", "cooperation_council", "commission", "interregional_forum")
_DAY = r"\d{4}-\d{2}-\d{2}"
CORRIDOR_KINDS = ("economic_corridor", "cross_border_zone", "bridge")
_ID = r"[a-z0-9_]{1,40}"
_ISO3 = r"[A-Z]{3}"


# ---- reading the cited tables ----------------------------------------------------------------------------

def split_list(value: str) -> list[str]:
    """'A;B; C' -> ['A', 'B', 'C'] ('' -> [])."""
    return [item.strip() for item in str(value or "").split(";") if item.strip()]


def _fail(path: Path, frame: pd.DataFrame, ok, column: str, expected: str) -> None:
    ok = np.asarray(ok, dtype=bool)
    if not ok.all():
        first = int(np.flatnonzero(~ok)[0])
        raise InputError(path, f"expected {expected}, found {frame[column].iloc[first]!r}",
                         row=first + 2, column=column)


def _is_url(values: pd.Series) -> np.ndarray:
    return values.str.startswith(("http://", "https://")).to_numpy() & ~values.str.contains(r"\s").to_numpy()


def read_crossborder_regions(path: Path, regions: pd.DataFrame) -> pd.DataFrame:
    """The cited table of cross-border regions, checked against the store's admin-1 regions.

    Every verified row names its source address; member ids must be admin-1 region ids
    (Natural Earth adm1_code, e.g. RUS-2353) of the row's countries. `members_part` are regions only
    part of which belongs (drawn as the whole region, said so in the card).
    """
    frame = read_csv_checked(path, CROSSBORDER_COLUMNS, numeric=("founded",))
    frame["founded"] = frame["founded"].astype("Int64")
    _fail(path, frame, frame["crossborder_id"].str.fullmatch(_ID), "crossborder_id", "a lower-case id")
    _fail(path, frame, ~frame["crossborder_id"].duplicated(), "crossborder_id", "a unique id")
    _fail(path, frame, frame["verification"].isin(VERIFICATIONS), "verification",
          f"one of {', '.join(VERIFICATIONS)}")
    _fail(path, frame, frame["status"].isin(STATUSES), "status", f"one of {', '.join(STATUSES)}")
    dated = frame["status_date"].str.fullmatch(_DAY).to_numpy(dtype=bool)
    _fail(path, frame, dated | (frame["status_date"] == ""), "status_date", "a day (YYYY-MM-DD) or nothing")
    changed = frame["status"].isin(("suspended", "dissolved")).to_numpy()
    _fail(path, frame, ~changed | dated, "status_date", "the day of the suspension or ending")
    _fail(path, frame, ~changed | _is_url(frame["status_source"]), "status_source",
          "the address (URL) that reports the suspension or ending")
    _fail(path, frame, _is_url(frame["status_source"]) | (frame["status_source"] == ""), "status_source",
          "a source address (URL) or nothing")
    _fail(path, frame, frame["kind"].isin(KINDS), "kind", f"one of {', '.join(KINDS)}")
    has_source = _is_url(frame["source"])
    _fail(path, frame, has_source | (frame["source"] == ""), "source", "a source address (URL) or nothing")
    _fail(path, frame, has_source | (frame["verification"] != "verified"), "source",
          "a source address (URL) for a verified row")
    countries = frame["countries"].map(split_list)
    _fail(path, frame, countries.map(lambda c: len(c) >= 2 and all(pd.Series(c).str.fullmatch(_ISO3))),
          "countries", "two or more ISO3 codes separated by ';'")
    country_of = regions.set_index("region_id")["iso3"]
    for column in ("members", "members_part"):
        members = frame[column].map(split_list)
        known = members.map(lambda ids: all(i in country_of.index for i in ids))
        _fail(path, frame, known, column, "admin-1 region ids of the store (e.g. RUS-2353) separated by ';'")
        inside = [all(country_of[i] in c for i in ids) for ids, c in zip(members, countries)]
        _fail(path, frame, inside, column, "regions of the row's countries")
    drawn_without_members = (frame["verification"] != "unverified") & (frame["kind"] == "euroregion") & (
        frame["members"] == "") & (frame["members_part"] == "")
    _fail(path, frame, ~drawn_without_members, "members", "at least one member region (or verification "
                                                          "'unverified')")
    return frame


def read_known_corridors(path: Path, regions: pd.DataFrame) -> pd.DataFrame:
    """The cited table of known corridors and cooperation zones (every row with a source address)."""
    frame = read_csv_checked(path, CORRIDOR_COLUMNS, numeric=("year",))
    frame["year"] = frame["year"].astype("Int64")
    _fail(path, frame, frame["corridor_id"].str.fullmatch(_ID), "corridor_id", "a lower-case id")
    _fail(path, frame, ~frame["corridor_id"].duplicated(), "corridor_id", "a unique id")
    _fail(path, frame, frame["kind"].isin(CORRIDOR_KINDS), "kind", f"one of {', '.join(CORRIDOR_KINDS)}")
    _fail(path, frame, _is_url(frame["source"]), "source", "a source address (URL)")
    ids = frame["place_ids"].map(split_list)
    _fail(path, frame, ids.map(lambda v: len(v) >= 1 and all(i.isdigit() for i in v)), "place_ids",
          "GeoNames ids separated by ';'")
    for column in ("place_names_en", "place_names_ru"):
        _fail(path, frame, [len(split_list(n)) == len(i) for n, i in zip(frame[column], ids)], column,
              "one name per place id")
    known_regions = set(regions["region_id"])
    _fail(path, frame, frame["regions"].map(lambda v: all(r in known_regions for r in split_list(v))),
          "regions", "admin-1 region ids of the store separated by ';'")
    return frame


# ---- build-time tables -----------------------------------------------------------------------------------

def place_border_table(places: pd.DataFrame, borders) -> pd.DataFrame:
    """place_id, border_km (1 decimal), across_iso3, border_lon, border_lat for every place."""
    nearest = nearest_land_border(places["lon"].to_numpy(), places["lat"].to_numpy(),
                                  places["iso3"].to_numpy(dtype=object), borders)
    return pd.DataFrame({
        "place_id": places["place_id"].to_numpy(),
        "border_km": nearest["border_km"].round(2).to_numpy(),
        "across_iso3": nearest["across_iso3"].to_numpy(),
        "border_lon": nearest["border_lon"].round(4).to_numpy(),
        "border_lat": nearest["border_lat"].round(4).to_numpy(),
    })


def candidate_table(places: pd.DataFrame, borders, *, max_km: float = CANDIDATE_MAX_KM,
                    min_population: int = CANDIDATE_MIN_POPULATION) -> pd.DataFrame:
    """Pairs of places facing each other across a land border (see geo.corridors.facing_pairs):
    candidate_id (1..n), place_a (in the alphabetically first country of the two), place_b,
    distance_m, border_m_a, border_m_b (whole metres, which SQLite stores in 3 bytes rather than 8);
    sorted by place_a, place_b."""
    lon, lat = places["lon"].to_numpy(), places["lat"].to_numpy()
    distances = border_distances(lon, lat, places["iso3"].to_numpy(dtype=object), borders,
                                 within_km=max_km)
    population = places["population"].fillna(0).to_numpy(dtype="float64")
    pairs = facing_pairs(lon, lat, distances, borders, max_km=max_km,
                         eligible=population >= min_population)
    ids = places["place_id"].to_numpy()
    table = pd.DataFrame({
        "place_a": ids[pairs["place_a"].to_numpy()], "place_b": ids[pairs["place_b"].to_numpy()],
        "distance_m": np.round(pairs["distance_km"].to_numpy() * 1000).astype("int64"),
        "border_m_a": np.round(pairs["border_km_a"].to_numpy() * 1000).astype("int64"),
        "border_m_b": np.round(pairs["border_km_b"].to_numpy() * 1000).astype("int64"),
    })
    table = table.sort_values(["place_a", "place_b"], ignore_index=True)
    table.insert(0, "candidate_id", np.arange(1, len(table) + 1))
    return table


def crossborder_tables(table: pd.DataFrame, regions) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(crossborder_regions with the union of the member regions as geometry, crossborder_members)."""
    members = pd.DataFrame(
        [(row.crossborder_id, region, False) for row in table.itertuples() for region in split_list(row.members)]
        + [(row.crossborder_id, region, True) for row in table.itertuples()
           for region in split_list(row.members_part)],
        columns=["crossborder_id", "region_id", "part"])
    shapes = regions.set_index("region_id").geometry
    geometry = []
    for crossborder_id in table["crossborder_id"]:
        ids = members.loc[members["crossborder_id"] == crossborder_id, "region_id"]
        geometry.append(shapely.union_all(shapes.reindex(ids).to_numpy()) if len(ids) else None)
    out = table.drop(columns=["members", "members_part"]).copy()
    out["geometry"] = geometry
    return out, members


def known_corridor_tables(table: pd.DataFrame, cities: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(known_corridors with a line through their places as geometry, known_corridor_places).

    Place coordinates and populations come from GeoNames (`cities`: place_id, lat, lon, population,
    iso3), names from the table (in English and Russian)."""
    located = cities.drop_duplicates("place_id").set_index("place_id")
    rows, geometry = [], []
    for row in table.itertuples():
        ids = [int(i) for i in split_list(row.place_ids)]
        missing = [i for i in ids if i not in located.index]
        if missing:
            raise InputError(KNOWN_CORRIDORS_CSV, f"GeoNames ids {missing} are not in the GeoNames data",
                             column="place_ids")
        names_en, names_ru = split_list(row.place_names_en), split_list(row.place_names_ru)
        for seq, (place_id, name_en, name_ru) in enumerate(zip(ids, names_en, names_ru)):
            city = located.loc[place_id]
            rows.append({"corridor_id": row.corridor_id, "seq": seq, "place_id": place_id,
                         "name_en": name_en, "name_ru": name_ru, "iso3": city["iso3"],
                         "lon": float(city["lon"]), "lat": float(city["lat"]),
                         "population": int(city["population"] or 0)})
        points = [(float(located.loc[i, "lon"]), float(located.loc[i, "lat"])) for i in ids]
        geometry.append(shapely.LineString(points) if len(points) > 1 else shapely.Point(points[0]))
    out = table.drop(columns=["place_ids", "place_names_en", "place_names_ru"]).copy()
    out["geometry"] = geometry
    return out, pd.DataFrame(rows)


def corridor_tables(regions, borders, places: pd.DataFrame, cities: pd.DataFrame, echo=None) -> dict:
    """Every table of this module for the store (see the module notes). `places` are the store's
    places (place_id, iso3, lat, lon, population), `cities` all GeoNames cities read by the build."""
    crossborder, members = crossborder_tables(read_crossborder_regions(CROSSBORDER_REGIONS_CSV, regions),
                                              regions)
    known, known_places = known_corridor_tables(read_known_corridors(KNOWN_CORRIDORS_CSV, regions), cities)
    place_borders = place_border_table(places, borders)
    candidates = candidate_table(places, borders)
    if echo is not None:
        echo(f"corridors: {len(candidates)} facing pairs within {CANDIDATE_MAX_KM:.0f} km, "
             f"{len(crossborder)} cross-border regions, {len(known)} known corridors")
    return {"place_borders": place_borders, "corridor_candidates": candidates,
            "crossborder_regions": crossborder, "crossborder_members": members,
            "known_corridors": known, "known_corridor_places": known_places}


# ---- run time --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CorridorStore:
    """The corridor tables loaded into memory."""

    place_borders: pd.DataFrame        # place_id, border_km, across_iso3, border_lon, border_lat
    candidates: pd.DataFrame           # place_a, place_b, distance_km, border_km_a, border_km_b
    crossborder_regions: pd.DataFrame  # crossborder_id, names, kind, founded, status, verification, ...
    crossborder_members: pd.DataFrame  # crossborder_id, region_id, part
    crossborder_shapes: pd.DataFrame   # crossborder_id, geometry (shapely; drawn rows only)
    known_corridors: pd.DataFrame      # corridor_id, names, kind, year, countries, regions, facts, source
    known_places: pd.DataFrame         # corridor_id, seq, place_id, name_en/ru/zh, iso3, lon, lat, population

    @cached_property
    def data_version(self) -> str:
        """A digest of the corridor tables (dashboard.memo)."""
        return "corridors:" + frames_digest(self.place_borders, self.candidates, self.crossborder_regions,
                                            self.crossborder_members, self.crossborder_shapes,
                                            self.known_corridors, self.known_places)


TEXT_COLUMNS = {
    "crossborder_regions": [c for c in CROSSBORDER_COLUMNS if c not in ("members", "members_part")],
    "known_corridors": [c for c in CORRIDOR_COLUMNS if c not in ("place_ids", "place_names_en",
                                                                  "place_names_ru")],
}


@lru_cache(maxsize=2)
def load_corridor_store(url: str | None = None) -> CorridorStore:
    """The corridor tables of the store at `url` (default: the configured store), once per process."""
    url = url or settings.database_url()
    engine = engine_for(url)
    try:
        with engine.connect() as connection:
            def read(sql: str) -> pd.DataFrame:
                return pd.read_sql_query(sql, connection)

            place_borders = read("SELECT place_id, border_km, across_iso3, border_lon, border_lat "
                                 "FROM place_borders")
            candidates = read("SELECT place_a, place_b, distance_m, border_m_a, border_m_b "
                              "FROM corridor_candidates ORDER BY candidate_id")
            crossborder = read("SELECT * FROM crossborder_regions")
            # a store built before status_date / status_source: those columns empty until the next build
            crossborder = crossborder.reindex(columns=[*TEXT_COLUMNS["crossborder_regions"], "geometry"])
            members = read("SELECT crossborder_id, region_id, part FROM crossborder_members")
            known = read(f"SELECT {', '.join(TEXT_COLUMNS['known_corridors'])} FROM known_corridors")
            known_places = read("SELECT k.corridor_id, k.seq, k.place_id, k.name_en, k.name_ru, p.name_zh, "
                                "k.iso3, k.lon, k.lat, k.population FROM known_corridor_places k "
                                "LEFT JOIN places p ON p.place_id = k.place_id ORDER BY k.corridor_id, k.seq")
    finally:
        engine.dispose()
    for frame in (crossborder, known):
        text = [c for c in frame.columns if c not in ("founded", "year", "geometry")]
        frame[text] = frame[text].fillna("")
    known_places["name_zh"] = known_places["name_zh"].fillna("").astype(object)
    crossborder["founded"] = crossborder["founded"].astype("Int64")
    known["year"] = known["year"].astype("Int64")
    members["part"] = members["part"].astype(bool)
    candidates = pd.DataFrame({
        "place_a": candidates["place_a"].to_numpy(dtype="int64"),
        "place_b": candidates["place_b"].to_numpy(dtype="int64"),
        "distance_km": candidates["distance_m"].to_numpy(dtype="float64") / 1000.0,
        "border_km_a": candidates["border_m_a"].to_numpy(dtype="float64") / 1000.0,
        "border_km_b": candidates["border_m_b"].to_numpy(dtype="float64") / 1000.0,
    })
    shapes = crossborder[["crossborder_id", "geometry"]].dropna().reset_index(drop=True)
    shapes["geometry"] = shapely.from_wkb(shapes["geometry"].to_numpy())
    crossborder = crossborder.drop(columns="geometry")
    return CorridorStore(place_borders, candidates, crossborder, members, shapes, known, known_places)
