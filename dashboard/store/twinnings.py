"""Twinnings: the Wikipedia pairs and the Wikidata P190 links, each end matched to a place.

Matching an end (a city name, a country spelling and perhaps a geocode):
1. the country spelling becomes a Natural Earth ADM0_A3 code;
2. the geocode is trusted only if it lies in (or within a few km of) that country;
3. the city name, and variants of it without brackets, administrative words or a region after a
   comma, are looked up among the names and alternate names of GeoNames places of that country;
   among homonyms the one nearest a trusted geocode wins, else the most populous;
4. with no name match, a trusted geocode picks the nearest place within a few km whose name is
   similar (or which lies within 2 km);
5. whatever is left goes to the review table with the reason — nothing is dropped silently.
"""

from __future__ import annotations

import re
import warnings
import zlib
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from dashboard.store.countries import country_of_spelling
from dashboard.store.district_names import district_matches
from dashboard.store.names import name_key
from geo.distance import haversine_km
from geo.tables import read_csv_checked

WIKIPEDIA_COLUMNS = ["city1", "country1", "city2", "country2"]
GEOCODED_COLUMNS = WIKIPEDIA_COLUMNS + ["lat1", "lng1", "lat2", "lng2"]
WIKIDATA_NODE_COLUMNS = ["qid", "label_en", "country", "lat", "lon", "population"]
WIKIDATA_EDGE_COLUMNS = ["qid_a", "qid_b"]

HOMONYM_MAX_KM = 60.0        # a name match farther than this from a trusted geocode is doubted
GEOCODE_NEAREST_KM = 6.0     # geocode fallback: nearest place within this distance ...
GEOCODE_SIMILARITY = 70      # ... whose name is at least this similar,
GEOCODE_ANY_NAME_KM = 2.0    # ... or any place this close
GEOCODE_ID_BASE = 1_000_000_000  # ids of places made from a source geocode start here
LARGE_CITY = 50_000          # a city this large is meant even when the geocode points elsewhere

_BRACKETS = re.compile(r"\s*[\(\[].*?[\)\]]\s*")
_ADMIN_WORDS = re.compile(
    r"\b(city|town|village|municipality|municipal|district|county|borough|prefecture|province|"
    r"region|oblast|raion|rayon|gmina|commune|comune|urban|rural|metropolitan|london borough|"
    r"city of|town of|municipality of|district of|shi|ku|gun|si|gu|xian|qu|aimag|sum)\b")


@dataclass(frozen=True)
class PlacePool:
    """Places a twinning end may match: attributes and the name keys of each place."""

    places: pd.DataFrame  # place_id, iso3, lat, lon, population, in_base, name
    keys: pd.DataFrame    # place_id, iso3, key

    @classmethod
    def from_frames(cls, places: pd.DataFrame, keys: pd.DataFrame) -> "PlacePool":
        keys = keys.merge(places[["place_id", "iso3"]], on="place_id")
        return cls(places.set_index("place_id", drop=False), keys[["place_id", "iso3", "key"]])


def name_variants(city: str) -> list[str]:
    """Keys to try for a city name, the most literal first."""
    raw = str(city)
    variants = [name_key(raw), name_key(_BRACKETS.sub(" ", raw))]
    if "," in raw:
        variants.append(name_key(raw.split(",")[0]))
    if "/" in raw:
        variants.extend(name_key(part) for part in raw.split("/"))
    stripped = [_ADMIN_WORDS.sub(" ", v).strip() for v in variants]
    variants.extend(" ".join(v.split()) for v in stripped)
    variants.extend(v.replace("saint ", "st ").replace("sankt ", "st ") for v in list(variants))
    variants.extend(v.replace("st ", "saint ") for v in list(variants) if v.startswith("st "))
    seen: list[str] = []
    for variant in variants:
        if variant and variant not in seen:
            seen.append(variant)
    return seen


def match_ends(ends: pd.DataFrame, pool: PlacePool) -> pd.DataFrame:
    """Match each end (end_id, city, iso3, lat, lon, geocode_ok) to a place of its country.

    Returns end_id, place_id (NA where unmatched), how and reason (why an end is unmatched).
    `how` is one of: 'name+geocode' (a homonym near the trusted geocode), 'name' (no trusted
    geocode: the most populous homonym), 'geocode' (the place at the trusted geocode, similarly
    named), 'name, geocode elsewhere' (a large city of that name far from the geocode),
    'new place at geocode' (no GeoNames place: the end becomes a place at its trusted geocode),
    'parent city' (a district given as 'District (City)' or 'City – District'), 'district place near its
    city'. A district of a city of its country is matched by dashboard.store.district_names alone: its
    city or a place of its name near that city, never a namesake elsewhere or a place at its geocode.
    """
    result = pd.DataFrame({"end_id": ends["end_id"].to_numpy(), "place_id": pd.NA, "how": None,
                           "reason": None}).set_index("end_id")

    def assign(frame: pd.DataFrame, how: str) -> None:
        frame = frame[result.loc[frame["end_id"], "place_id"].isna().to_numpy()]
        result.loc[frame["end_id"], "place_id"] = frame["place_id"].to_numpy()
        result.loc[frame["end_id"], "how"] = how

    def still_open(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[result.loc[frame["end_id"], "place_id"].isna().to_numpy()]

    districts = district_matches(ends, pool)
    for how, group in districts.groupby("how"):
        assign(group, how)
    ends = ends[~ends["end_id"].isin(districts["end_id"])]
    candidates = name_candidates(ends, pool, name_variants)
    by_population = {"by": ["rank", "in_base", "population"], "ascending": [True, False, False]}
    located = candidates[candidates["geocode_ok"]].sort_values(["km", "rank"])
    assign(located[located["km"] <= HOMONYM_MAX_KM].drop_duplicates("end_id"), "name+geocode")
    unlocated = candidates[~candidates["geocode_ok"]].sort_values(**by_population)
    assign(unlocated.drop_duplicates("end_id"), "name")
    assign(match_by_geocode(still_open(ends[ends["geocode_ok"]]), pool), "geocode")
    large = located[located["population"] >= LARGE_CITY].sort_values(**by_population)
    assign(large.drop_duplicates("end_id"), "name, geocode elsewhere")
    at_geocode = still_open(ends[ends["geocode_ok"]])
    assign(at_geocode.assign(place_id=geocode_place_ids(at_geocode)), "new place at geocode")
    parents = name_candidates(still_open(ends), pool, parent_city_variants)
    assign(parents.sort_values(**by_population).drop_duplicates("end_id"), "parent city")

    with_name = set(candidates["end_id"])
    for end in still_open(ends).itertuples():
        if end.end_id in with_name:
            reason = f"'{end.city}' names a place in {end.iso3} far from the given coordinates"
        else:
            reason = f"no place named '{end.city}' in {end.iso3}, and no usable coordinates"
        result.loc[end.end_id, "reason"] = reason
    return result.reset_index()


def name_candidates(ends: pd.DataFrame, pool: PlacePool, variants_of) -> pd.DataFrame:
    """(end, place) pairs whose names match, with the variant rank and the km to the geocode."""
    variants = ends[["end_id", "city", "iso3"]].copy()
    variants["key"] = variants["city"].map(variants_of)
    variants = variants.explode("key").dropna(subset=["key"])
    variants["rank"] = variants.groupby("end_id").cumcount()
    candidates = variants.merge(pool.keys, on=["iso3", "key"])
    candidates = candidates.sort_values("rank").drop_duplicates(["end_id", "place_id"])
    attrs = pool.places.loc[candidates["place_id"], ["lat", "lon", "population", "in_base"]]
    candidates = candidates.assign(**{c: attrs[c].to_numpy() for c in attrs.columns})
    end_geo = ends.set_index("end_id").loc[candidates["end_id"]]
    candidates["geocode_ok"] = end_geo["geocode_ok"].to_numpy(dtype=bool)
    candidates["km"] = haversine_km(end_geo["lon"].to_numpy(), end_geo["lat"].to_numpy(),
                                    candidates["lon"].to_numpy(), candidates["lat"].to_numpy())
    return candidates


def parent_city_variants(city: str) -> list[str]:
    """'Eastern AO (Moscow)' → 'moscow'; 'Berlin – Treptow-Köpenick' → 'berlin'."""
    raw = str(city)
    keys = [name_key(inner) for inner in re.findall(r"\(([^)]*)\)", raw)]
    for dash in (" – ", " - ", " — "):
        if dash in raw:
            keys.append(name_key(raw.split(dash)[0]))
    return [key for key in keys if key]


def geocode_place_ids(ends: pd.DataFrame) -> np.ndarray:
    """Stable ids for places made from a trusted geocode, above GeoNames' range (below 2 * 10**7)."""
    labels = ends["iso3"] + "|" + ends["city"].map(name_key) + "|" + \
        ends["lat"].round(3).astype(str) + "|" + ends["lon"].round(3).astype(str)
    return np.array([GEOCODE_ID_BASE + zlib.crc32(label.encode()) % GEOCODE_ID_BASE for label in labels],
                    dtype="int64")


def match_by_geocode(ends: pd.DataFrame, pool: PlacePool) -> pd.DataFrame:
    """Nearest place of the same country to each end's geocode, if close and similarly named."""
    if ends.empty:
        return pd.DataFrame(columns=["end_id", "place_id"])
    points = gpd.GeoDataFrame(ends[["end_id", "city", "iso3"]],
                              geometry=gpd.points_from_xy(ends["lon"], ends["lat"]), crs=4326)
    targets = gpd.GeoDataFrame(pool.places[["place_id", "iso3", "name"]].reset_index(drop=True),
                               geometry=gpd.points_from_xy(pool.places["lon"], pool.places["lat"]),
                               crs=4326)
    with warnings.catch_warnings():  # degrees only shortlist; the distance is measured in km below
        warnings.filterwarnings("ignore", "Geometry is in a geographic CRS", UserWarning)
        joined = gpd.sjoin_nearest(points, targets, max_distance=0.12, distance_col="deg")
    joined = joined[joined["iso3_left"] == joined["iso3_right"]]
    place = pool.places.loc[joined["place_id"]]
    joined["km"] = haversine_km(joined.geometry.x, joined.geometry.y, place["lon"], place["lat"])
    joined["similar"] = [fuzz.token_set_ratio(name_key(a), name_key(b))
                         for a, b in zip(joined["city"], joined["name"])]
    keep = ((joined["km"] <= GEOCODE_NEAREST_KM) & (joined["similar"] >= GEOCODE_SIMILARITY)) | (
        joined["km"] <= GEOCODE_ANY_NAME_KM)
    return joined.loc[keep].sort_values("km").drop_duplicates("end_id")[["end_id", "place_id"]]


def read_wikipedia_pairs(raw_path: Path, geocoded_path: Path) -> pd.DataFrame:
    """All Wikipedia pairs (the raw list), with the geocodes where the geocoded list has them.

    Columns: source_row, city_a, country_a, lat_a, lon_a, city_b, country_b, lat_b, lon_b.
    """
    raw = read_csv_checked(raw_path, WIKIPEDIA_COLUMNS)
    geocoded = read_csv_checked(geocoded_path, GEOCODED_COLUMNS,
                                numeric=("lat1", "lng1", "lat2", "lng2"))
    raw["source_row"] = np.arange(2, len(raw) + 2)
    merged = raw.merge(geocoded.drop_duplicates(WIKIPEDIA_COLUMNS), on=WIKIPEDIA_COLUMNS, how="left")
    return merged.rename(columns={
        "city1": "city_a", "country1": "country_a", "lat1": "lat_a", "lng1": "lon_a",
        "city2": "city_b", "country2": "country_b", "lat2": "lat_b", "lng2": "lon_b"})[
        ["source_row", "city_a", "country_a", "lat_a", "lon_a",
         "city_b", "country_b", "lat_b", "lon_b"]]


def read_wikidata(nodes_path: Path, edges_path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    nodes = read_csv_checked(nodes_path, WIKIDATA_NODE_COLUMNS, numeric=("lat", "lon", "population"))
    edges = read_csv_checked(edges_path, WIKIDATA_EDGE_COLUMNS)
    edges["source_row"] = np.arange(2, len(edges) + 2)
    return nodes, edges


def wikipedia_ends(pairs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Distinct ends (city, country, geocode) of the pairs, and the pairs with end ids a and b."""
    sides = []
    for side in ("a", "b"):
        frame = pairs[[f"city_{side}", f"country_{side}", f"lat_{side}", f"lon_{side}"]]
        sides.append(frame.set_axis(["city", "country", "lat", "lon"], axis=1))
    ends = pd.concat(sides, ignore_index=True).drop_duplicates(ignore_index=True)
    ends["end_id"] = np.arange(len(ends))
    keyed = pairs.copy()
    for side in ("a", "b"):
        renamed = ends.rename(columns={c: f"{c}_{side}" for c in ("city", "country", "lat", "lon")})
        keyed = keyed.merge(renamed.rename(columns={"end_id": f"end_{side}"}),
                            on=[f"city_{side}", f"country_{side}", f"lat_{side}", f"lon_{side}"],
                            how="left")
    return ends, keyed


def prepare_ends(ends: pd.DataFrame, spellings: dict[str, str], inside_country) -> pd.DataFrame:
    """Add iso3 (from the country spelling) and geocode_ok (the geocode lies in that country)."""
    ends = ends.copy()
    ends["iso3"] = ends["country"].map(lambda spelling: country_of_spelling(spelling, spellings))
    has = ends["lat"].notna() & ends["lon"].notna() & ends["iso3"].notna()
    ends["geocode_ok"] = False
    ends.loc[has, "geocode_ok"] = inside_country(ends.loc[has, "lon"].to_numpy(),
                                                 ends.loc[has, "lat"].to_numpy(),
                                                 ends.loc[has, "iso3"].to_numpy())
    return ends


def match_sources(pairs: pd.DataFrame, wikidata_nodes: pd.DataFrame, wikidata_edges: pd.DataFrame,
                  pool: PlacePool, spellings: dict[str, str], inside_country,
                  place_of_wikidata: dict[str, int]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Match both sources. Returns (links, review, new_places).

    links: source, source_row, place_a, place_b, how_a, how_b (one row per matched source row);
    review: source, source_row, city_a, country_a, city_b, country_b, reason;
    new_places: place_id, name, iso3, lat, lon for ends that became places at their geocode.
    """
    ends, keyed = wikipedia_ends(pairs)
    ends = prepare_ends(ends, spellings, inside_country)
    known = ends[ends["iso3"].notna()]
    matched = match_ends(known, pool).set_index("end_id")
    ends = ends.join(matched, on="end_id")
    ends.loc[ends["iso3"].isna(), "reason"] = "country '" + ends["country"] + "' is not recognised"
    wikipedia = side_by_side(keyed, ends, "wikipedia")

    nodes = wikidata_nodes.rename(columns={"qid": "end_id", "label_en": "city"})
    nodes = prepare_ends(nodes, spellings, inside_country)
    by_qid = nodes["end_id"].map(place_of_wikidata)
    direct = nodes[by_qid.notna()].assign(place_id=by_qid[by_qid.notna()].astype("int64"),
                                          how="wikidata id", reason=None)
    rest = nodes[by_qid.isna() & nodes["iso3"].notna()]
    by_name = match_ends(rest, pool).merge(rest[["end_id", "city", "country", "iso3", "lat", "lon"]],
                                           on="end_id")
    nodes_matched = pd.concat([direct, by_name], ignore_index=True).set_index("end_id")
    nodes = nodes.drop(columns=["reason"], errors="ignore").join(
        nodes_matched[["place_id", "how", "reason"]], on="end_id")
    nodes.loc[nodes["place_id"].isna() & nodes["reason"].isna(), "reason"] = (
        "no GeoNames place named '" + nodes["city"] + "' near its coordinates")
    edges = wikidata_edges.rename(columns={"qid_a": "end_a", "qid_b": "end_b"})
    edges = edges.merge(nodes[["end_id", "city", "country"]].rename(
        columns={"end_id": "end_a", "city": "city_a", "country": "country_a"}), on="end_a", how="left")
    edges = edges.merge(nodes[["end_id", "city", "country"]].rename(
        columns={"end_id": "end_b", "city": "city_b", "country": "country_b"}), on="end_b", how="left")
    wikidata = side_by_side(edges, nodes, "wikidata")

    links = pd.concat([wikipedia[0], wikidata[0]], ignore_index=True)
    review = pd.concat([wikipedia[1], wikidata[1]], ignore_index=True)
    new_places = pd.concat([
        ends.loc[ends["how"] == "new place at geocode", ["place_id", "city", "iso3", "lat", "lon"]],
        nodes.loc[nodes["how"] == "new place at geocode", ["place_id", "city", "iso3", "lat", "lon"]]
        .assign(wikidata=nodes["end_id"]),
    ], ignore_index=True).drop_duplicates("place_id").rename(columns={"city": "name"})
    return links, review, new_places


def side_by_side(keyed: pd.DataFrame, ends: pd.DataFrame, source: str):
    """Attach both ends' matches to each source row; split into matched links and review rows."""
    lookup = ends.drop_duplicates("end_id").set_index("end_id")[["place_id", "how", "reason"]]
    frame = keyed.copy()
    for side in ("a", "b"):
        found = lookup.reindex(frame[f"end_{side}"])
        frame[f"place_{side}"] = found["place_id"].to_numpy()
        frame[f"how_{side}"] = found["how"].to_numpy()
        frame[f"reason_{side}"] = found["reason"].to_numpy()
    frame["source"] = source
    ok = frame["place_a"].notna() & frame["place_b"].notna()
    same = ok & (frame["place_a"] == frame["place_b"])
    links = frame[ok & ~same][["source", "source_row", "place_a", "place_b", "how_a", "how_b"]]
    links = links.astype({"place_a": "int64", "place_b": "int64"})
    review = frame[~ok | same].copy()
    def why(place, reason) -> str | None:
        if pd.notna(place):
            return None
        return reason if isinstance(reason, str) and reason else "not in the list of places"

    review["reason"] = [
        "; ".join(f"{label}: {r}" for label, r in (("first", a), ("second", b)) if r)
        or "both ends are the same place"
        for a, b in zip(map(why, review["place_a"], review["reason_a"]),
                        map(why, review["place_b"], review["reason_b"]))]
    columns = ["source", "source_row", "city_a", "country_a", "city_b", "country_b", "reason"]
    return links, review[columns]


#: where a twinning comes from, in the order its `origin` is chosen (the first source that lists it)
ORIGINS = ("wikipedia", "wikidata", "city_list", "agreement", "status_change")


def combine_links(links: pd.DataFrame, project_links: pd.DataFrame | None = None
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One twinning per unordered place pair, with its life, and every source that attests it.

    `links`: the public sources' matched rows (source, source_row, place_a, place_b); `project_links`: the
    project's cited tables (dashboard.store.tie_sources.tie_links). A pair in several sources is ONE
    twinning with several rows in the sources table. Twinning ids follow the sorted pairs, so building twice
    gives the same ids. Returns (twinnings, twinning_sources); the life of each twinning: see `tie_life`.
    """
    public = pd.DataFrame({"kind": links["source"].to_numpy(),
                           "source_row": links["source_row"].to_numpy(),
                           "place_a": np.minimum(links["place_a"], links["place_b"]).to_numpy(),
                           "place_b": np.maximum(links["place_a"], links["place_b"]).to_numpy()})
    project = project_links if project_links is not None else pd.DataFrame(columns=["kind", "place_a", "place_b"])
    sources = pd.concat([public, project], ignore_index=True)
    sources = sources.astype({"place_a": "int64", "place_b": "int64"})
    sources["origin_rank"] = sources["kind"].map({kind: rank for rank, kind in enumerate(ORIGINS)})
    twinnings = sources.groupby(["place_a", "place_b"], as_index=False, sort=True).agg(
        in_wikipedia=("kind", lambda kinds: bool((kinds == "wikipedia").any())),
        in_wikidata=("kind", lambda kinds: bool((kinds == "wikidata").any())),
        origin_rank=("origin_rank", "min"), source_count=("kind", "size"))
    twinnings["origin"] = twinnings["origin_rank"].map(dict(enumerate(ORIGINS)))
    twinnings.insert(0, "twinning_id", np.arange(1, len(twinnings) + 1))
    twinnings = twinnings.drop(columns="origin_rank")
    ids = twinnings.set_index(["place_a", "place_b"])["twinning_id"]
    sources["twinning_id"] = ids.reindex(pd.MultiIndex.from_frame(sources[["place_a", "place_b"]])).to_numpy()
    sources = sources.sort_values(["twinning_id", "origin_rank", "source_row"], kind="stable", ignore_index=True)
    twinnings = tie_life(twinnings, sources)
    sources.insert(0, "source_id", np.arange(1, len(sources) + 1))
    return twinnings, sources.drop(columns="origin_rank")


def tie_life(twinnings: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Signing date, status, and the date and source of the status's last change, per twinning.

    - signed: an agreement's date (2023-2025 signings), else the most precise 'since' of a city list;
    - status: the latest suspension or ending on record ('suspended'/'ended', with its date and source);
      else 'active' — a source lists the tie and none says otherwise. The status source is then the
      agreement, else the city's own list (dated), else none (the public lists, undated);
    - status_changed / status_source: when and where the status was last stated.
    """
    life = twinnings.set_index("twinning_id")
    signed = sources.dropna(subset=["signed"]) if "signed" in sources else sources.iloc[0:0]
    if len(signed):
        signed = signed.assign(precision=signed["signed"].str.len(),
                               agreement=signed["kind"] == "agreement")
        signed = signed.sort_values(["twinning_id", "agreement", "precision"], ascending=[True, False, False],
                                    kind="stable").drop_duplicates("twinning_id")
    life["signed"] = (signed.set_index("twinning_id")["signed"] if len(signed) else pd.Series(dtype=object)
                      ).reindex(life.index)
    life["signed_precision"] = life["signed"].map(
        lambda text: {4: "year", 7: "month", 10: "day"}.get(len(text)) if isinstance(text, str) else None)
    life["status"] = "active"
    life["status_changed"] = None
    life["status_source"] = None
    if "status" in sources:
        stated = sources[sources["kind"].isin(["agreement", "city_list"])].copy()
        stated["date"] = stated["source_date"].fillna("")
        stated["agreement"] = stated["kind"] == "agreement"
        stated = stated.sort_values(["twinning_id", "agreement", "date"], ascending=[True, False, False],
                                    kind="stable").drop_duplicates("twinning_id").set_index("twinning_id")
        life.loc[stated.index, "status_changed"] = stated["source_date"]
        life.loc[stated.index, "status_source"] = stated["url"]
        changes = sources[sources["kind"] == "status_change"].copy()
        changes = changes.sort_values(["twinning_id", "changed"], kind="stable").drop_duplicates(
            "twinning_id", keep="last").set_index("twinning_id")
        life.loc[changes.index, "status"] = changes["status"]
        life.loc[changes.index, "status_changed"] = changes["changed"]
        life.loc[changes.index, "status_source"] = changes["url"]
    return life.reset_index()
