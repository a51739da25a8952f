"""Build the store from the public data: read, match, locate, then write atomically.

Everything is computed in memory first; only a complete result is written, into a temporary
database that replaces the old store in one step. A failed build leaves the previous store as it was.
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard import settings
from dashboard.store import chinese_names, russian_names, tie_sources
from dashboard.store import countries as country_tables
from dashboard.store import places as place_tables
from dashboard.store import twinnings as twinning_tables
from dashboard.store.corridors import PROJECT_TABLES as CORRIDOR_INPUTS
from dashboard.store.corridors import corridor_tables
from dashboard.store.memberships import read_memberships
from dashboard.store.summary import summarise
from dashboard.store.writer import write_tables
from geo.borders import land_borders, region_border_neighbours
from geo.boundaries import read_countries, read_countries_pov, read_disputed, read_regions
from geo.distance import haversine_km
from geo.locate import inside, locate_points

MANIFEST = settings.PROJECT_ROOT / "data" / "manifest.csv"
MEMBERSHIPS = settings.PROJECT_ROOT / "data" / "memberships.csv"


class MissingInputs(Exception):
    """The data directory is unknown or lacks some of the files the build reads."""


@dataclass(frozen=True)
class Inputs:
    data_dir: Path
    paths: dict[str, Path]

    def __getitem__(self, key: str) -> Path:
        return self.paths[key]

    def files(self) -> list[Path]:
        return [*self.paths.values(), MEMBERSHIPS, *CORRIDOR_INPUTS, *tie_sources.PROJECT_TABLES]


def manifest() -> list[dict[str, str]]:
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def resolve_inputs(data_dir: str | Path | None = None) -> Inputs:
    """The input files, or MissingInputs naming what is missing and how to provide it."""
    entries = manifest()
    directory = settings.data_dir(data_dir)
    how = ("Point BORDERLINKS_DATA_DIR (or --data-dir) at a folder holding these files, e.g. the "
           "project's shared data folder checked out beside this repository as ../shared/data.")
    if directory is None:
        names = "\n".join(f"  {entry['path']}  ({entry['what']})" for entry in entries)
        raise MissingInputs(f"No data directory: ../shared/data does not exist and "
                            f"BORDERLINKS_DATA_DIR is not set. The build needs:\n{names}\n{how}")
    paths = {entry["key"]: directory / entry["path"] for entry in entries}
    missing = [f"  {path}  ({entry['what']})" for entry, path in zip(entries, paths.values())
               if not path.is_file()]
    if missing:
        raise MissingInputs(f"Missing input files in {directory}:\n" + "\n".join(missing) + f"\n{how}")
    return Inputs(directory, paths)


def inside_country_function(*country_layers):
    """inside(lon, lat, iso3) against any of the given points of view (Crimea is UKR or RUS)."""
    def inside_country(lon, lat, iso3):
        result = np.zeros(len(lon), dtype=bool)
        for layer in country_layers:
            polygons = layer.set_index("iso3").geometry
            known = np.isin(iso3, polygons.index)
            if known.any():
                result[known] |= inside(np.asarray(lon)[known], np.asarray(lat)[known], polygons,
                                        np.asarray(iso3)[known])
        return result
    return inside_country


def compute_tables(inputs: Inputs, echo=print) -> dict[str, pd.DataFrame]:
    """Every table of the store, as data frames (geometries as shapely objects)."""
    clock = time.perf_counter()

    def step(message: str) -> None:
        echo(f"[{time.perf_counter() - clock:6.1f} s] {message}")

    countries = chinese_names.countries_named(russian_names.countries_named(read_countries(inputs["countries"])))
    countries_pov = read_countries_pov(inputs["countries_deu"])
    regions = chinese_names.regions_named(russian_names.regions_named(read_regions(inputs["regions"])))
    disputed = read_disputed(inputs["disputed_areas"])
    memberships = read_memberships(MEMBERSHIPS, set(countries["iso3"]))
    step(f"boundaries: {len(countries)} countries, {len(regions)} regions")

    borders = land_borders(countries)
    neighbours = borders_by_country(borders)
    countries["land_neighbours"] = countries["iso3"].map(neighbours).fillna("")
    regions["border_neighbours"] = region_border_neighbours(regions, countries, borders).map(",".join)
    regions["on_land_border"] = regions["border_neighbours"] != ""
    step(f"land borders: {len(borders)} neighbour pairs, "
         f"{int(regions['on_land_border'].sum())} regions on a land border")

    iso2_to_iso3 = country_tables.iso2_to_iso3(countries)
    base = place_tables.read_geonames_cities("cities5000").assign(in_base=True)
    small = place_tables.read_geonames_cities("cities500").assign(in_base=False)
    small = small[~small["place_id"].isin(base["place_id"])]
    cities = pd.concat([base, small], ignore_index=True)
    cities["iso3"] = cities["iso2"].map(iso2_to_iso3)
    unmapped = cities["iso3"].isna()
    cities.loc[unmapped, "iso3"] = locate_points(cities.loc[unmapped, "lon"].to_numpy(),
                                                 cities.loc[unmapped, "lat"].to_numpy(),
                                                 countries, "iso3")
    keys = place_tables.place_name_keys(cities)
    pool = twinning_tables.PlacePool.from_frames(
        cities[["place_id", "iso3", "lat", "lon", "population", "in_base", "name"]], keys)
    ne_places = place_tables.read_ne_places(inputs["populated_places"])
    step(f"places: {len(base)} GeoNames cities (+{len(small)} smaller towns for matching)")

    pairs = twinning_tables.read_wikipedia_pairs(inputs["wikipedia_pairs_raw"],
                                                 inputs["wikipedia_pairs"])
    nodes, edges = twinning_tables.read_wikidata(inputs["wikidata_nodes"], inputs["wikidata_edges"])
    spellings = country_tables.spelling_index(countries)
    ne_by_wikidata = place_tables.join_natural_earth(base, ne_places, iso2_to_iso3)
    place_of_wikidata = (ne_by_wikidata.dropna(subset=["wikidata"])
                         .drop_duplicates("wikidata").set_index("wikidata")["place_id"].to_dict())
    inside_country = inside_country_function(countries, countries_pov)
    links, review, new_places = twinning_tables.match_sources(
        pairs, nodes, edges, pool, spellings, inside_country, place_of_wikidata)
    step(f"twinnings: {len(links)} source rows matched, {len(review)} for review")

    city_lists = tie_sources.read_city_lists()
    project_links, unknown_places = known_place_links(
        tie_sources.tie_links(city_lists, tie_sources.read_signings(), tie_sources.read_status_changes()),
        set(cities["place_id"]))
    review = pd.concat([review, tie_sources.list_review(city_lists), unknown_places], ignore_index=True)
    step(f"cited ties: {len(project_links)} rows of city lists, signings and status changes")

    used = set(links["place_a"]) | set(links["place_b"]) | set(project_links["place_a"]) | set(
        project_links["place_b"])
    chosen = cities[cities["in_base"] | cities["place_id"].isin(used)]
    place_rows = russian_names.places_named(place_tables.build_places(chosen, ne_places, iso2_to_iso3))
    place_rows = chinese_names.places_named(place_rows)
    place_rows["iso3"] = chosen["iso3"].to_numpy()
    place_rows["origin"] = np.where(chosen["in_base"], "geonames", "geonames-small")
    place_rows = pd.concat([place_rows, geocoded_places(new_places)], ignore_index=True)
    place_rows = russian_names.official_names(place_rows)
    admin_codes = pd.concat([chosen["iso2"] + "." + chosen["admin1code"].astype(str),
                             pd.Series([None] * len(new_places), dtype=object)], ignore_index=True)
    place_rows["region_id"] = place_tables.assign_regions(place_rows, admin_codes, regions)
    place_rows = place_rows.sort_values("place_id", ignore_index=True)
    names = keys[keys["place_id"].isin(place_rows["place_id"])]
    names = pd.concat([names, pd.DataFrame({
        "place_id": new_places["place_id"],
        "key": new_places["name"].map(place_tables.name_key)})], ignore_index=True)
    names = pd.concat([names, place_tables.own_name_keys(place_rows)], ignore_index=True)
    step(f"places located: {len(place_rows)} places, "
         f"{int(place_rows['region_id'].notna().sum())} in a region")

    place_rows["in_country"] = inside_country(place_rows["lon"].to_numpy(),
                                              place_rows["lat"].to_numpy(),
                                              place_rows["iso3"].fillna("").to_numpy())
    twinnings, twinning_sources = twinning_tables.combine_links(links, project_links)
    public_pairs = set(zip(twinnings.loc[twinnings["in_wikipedia"] | twinnings["in_wikidata"], "place_a"],
                           twinnings.loc[twinnings["in_wikipedia"] | twinnings["in_wikidata"], "place_b"]))
    coverage = tie_sources.list_coverage(city_lists, public_pairs, place_rows)
    twinnings = annotate_twinnings(twinnings, place_rows, neighbours)
    corridors = corridor_tables(regions, borders, place_rows, cities, echo=step)

    return {
        "countries": countries, "country_views": countries_pov.assign(pov="deu"),
        "memberships": memberships, "regions": regions, "land_borders": borders,
        "disputed_areas": disputed, "places": place_rows,
        "place_names": names.drop_duplicates(ignore_index=True), "twinnings": twinnings,
        "twinning_review": review.assign(review_id=np.arange(1, len(review) + 1)),
        "twinning_sources": twinning_sources, "twinning_list_coverage": coverage,
        "_links": links, "_pairs": pairs, "_edges": edges,
        "_pair_countries": stated_countries(pairs, links, spellings),
        **corridors,
    }


def stated_countries(pairs: pd.DataFrame, links: pd.DataFrame, spellings: dict) -> pd.DataFrame:
    """One row per Wikipedia pair end: the stated country and whether its pair was matched."""
    matched = set(links.loc[links["source"] == "wikipedia", "source_row"])
    ends = pd.concat([pairs[["source_row", side]].set_axis(["source_row", "country"], axis=1)
                      for side in ("country_a", "country_b")], ignore_index=True)
    ends["iso3"] = ends["country"].map(lambda s: country_tables.country_of_spelling(s, spellings))
    ends["matched"] = ends["source_row"].isin(matched)
    return ends


def known_place_links(project_links: pd.DataFrame, known: set[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The cited tables' rows whose two places are GeoNames places, and review rows for the others."""
    ok = project_links["place_a"].isin(known) & project_links["place_b"].isin(known)
    missing = project_links[~ok]
    review = pd.DataFrame({
        "source": missing["kind"].to_numpy(), "source_row": missing["source_row"].to_numpy(),
        "city_a": missing["place_a"].astype(str).to_numpy(), "country_a": None,
        "city_b": missing["place_b"].astype(str).to_numpy(), "country_b": None,
        "reason": "a place id is not among the GeoNames places: " + missing["url"].fillna("").to_numpy()})
    return project_links[ok].reset_index(drop=True), review


def borders_by_country(borders: pd.DataFrame) -> dict[str, str]:
    pairs = pd.concat([borders[["iso3_a", "iso3_b"]].set_axis(["iso3", "other"], axis=1),
                       borders[["iso3_b", "iso3_a"]].set_axis(["iso3", "other"], axis=1)])
    return pairs.groupby("iso3")["other"].agg(lambda v: ",".join(sorted(set(v)))).to_dict()


def geocoded_places(new_places: pd.DataFrame) -> pd.DataFrame:
    """Places made from a trusted source geocode where GeoNames has none."""
    return pd.DataFrame({
        "place_id": new_places["place_id"].astype("int64"),
        "name_en": new_places["name"], "name_local": new_places["name"],
        "name_ru": None, "name_zh": None, "iso2": None, "iso3": new_places["iso3"],
        "lat": new_places["lat"].astype("float64"), "lon": new_places["lon"].astype("float64"),
        "population": 0, "wikidata": new_places.get("wikidata"), "scalerank": pd.NA,
        "origin": "source-geocode"})


def annotate_twinnings(twinnings: pd.DataFrame, places: pd.DataFrame,
                       neighbours: dict[str, str]) -> pd.DataFrame:
    """Add the great-circle length and whether the two countries share a land border."""
    located = places.set_index("place_id")
    a = located.loc[twinnings["place_a"]]
    b = located.loc[twinnings["place_b"]]
    twinnings = twinnings.copy()
    twinnings["distance_km"] = np.round(haversine_km(a["lon"].to_numpy(), a["lat"].to_numpy(),
                                                     b["lon"].to_numpy(), b["lat"].to_numpy()), 1)
    neighbour_sets = {iso3: set(v.split(",")) for iso3, v in neighbours.items()}
    twinnings["crosses_land_border"] = [
        other in neighbour_sets.get(iso3, ()) for iso3, other in zip(a["iso3"], b["iso3"])]
    return twinnings


def build(data_dir: str | Path | None = None, url: str | None = None, echo=print) -> dict:
    """Build the store and return its summary."""
    inputs = resolve_inputs(data_dir)
    echo(f"Building the store from {inputs.data_dir}")
    started = time.perf_counter()
    tables = compute_tables(inputs, echo)
    summary = summarise(tables, inputs)
    summary["build_seconds"] = round(time.perf_counter() - started, 1)
    target = url or settings.database_url()
    write_tables(target, tables, summary)
    echo(f"Store written: {target}")
    return summary
