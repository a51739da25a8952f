"""What the filters select: pure, vectorised functions of (catalogue, ViewState) -> frames. No Dash.

Semantics (the same for the map, the KPI strip and the API):
- the space (dashboard.store.spaces) = the countries of `state.space` on `state.on` (default today);
  the world when `space=world`;
- selected countries = `state.countries` ∪ members of the chosen blocs on `state.on` ("ORG" = any status,
  "ORG:status" = that status);
- filtered places = places in the selected countries (all countries when none is selected), in the
  chosen regions (if any), in a region on a land border (if `border_only`), with at least
  `min_population` inhabitants;
- link scope: "space" (the default) = both ends in the space and, with a place filter, one end among
  the filtered places; "outward" = the same with at least one end in the space (the space with the
  world); "touching" = at least one end among the filtered places of the space; "within" = both ends among
  them; "between" = one end in each country of `state.pair`, both ends passing the
  non-country filters (regions, border regions, population), whatever the space (a chosen pair is
  explicit). An incomplete pair selects nothing.
- With the world as the space and no place filter at all every twinning is in view.

`filtered_view(catalog, state)` bundles it all and is cached per catalogue and filter; the functions
it is made of are public so that tests can take them one by one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard.memo import VersionedMemo
from dashboard.state import FILTER_FIELDS, ViewState
from dashboard.store import tie_status
from dashboard.store.blocs import member_codes
from dashboard.store.catalog import with_tie_life
from dashboard.store.chinese_texts import in_chinese
from dashboard.store.chinese_transcription import CHINESE_SCRIPT_COUNTRIES, to_chinese, to_chinese_all
from dashboard.store.cyrillic_transcription import to_cyrillic_all
from dashboard.store.spaces import state_countries

#: cities without a twinning in view are drawn only from this population up
OTHER_PLACE_MIN_POPULATION = 300_000
_CACHE_SIZE = 64


def filter_key(state: ViewState) -> tuple:
    """The part of the state that decides what is selected: equal keys select the same rows.

    Its fields are those declared with `selects=True` in dashboard.state."""
    return tuple(getattr(state, name) for name in FILTER_FIELDS)


def has_place_filter(state: ViewState) -> bool:
    return bool(state.countries or state.blocs or state.regions or state.border_only
                or state.min_population > 0)


# ---- names ------------------------------------------------------------------------------------------

def localized(frame: pd.DataFrame, lang: str, prefix: str = "name") -> pd.Series:
    """`<prefix>_<lang>` where present and not blank, else `<prefix>_en` (Russian names in Russian,
    Chinese names in Chinese, and the English name where the store has none; in Russian a Latin name the
    store has no Russian for is transcribed into Cyrillic, see cyrillic_transcription; in Chinese a place the
    store has no Chinese name for is transcribed from its Russian name, see chinese_transcription)."""
    english = frame[f"{prefix}_en"].astype("string")
    column = f"{prefix}_{lang}"
    if lang == "en" or column not in frame.columns:
        return english
    local = frame[column].astype("string").str.strip()
    present = (local.notna() & (local != "")).to_numpy(dtype=bool)
    if lang == "ru" and prefix == "name" and not present.all():  # no Latin place names in Russian: transcribe
        values = local.to_numpy(dtype=object, na_value=None)
        missing = ~present
        values[missing] = to_cyrillic_all(pd.Series(english.to_numpy(dtype=object, na_value=None)[missing]))
        return pd.Series(values, index=frame.index, dtype="string")
    if lang == "zh" and prefix == "name":  # no Latin place names in Chinese ('Ubá' in the sources): transcribe
        present &= ~local.fillna("").str.contains("[A-Za-z]", regex=True).to_numpy(dtype=bool)
        if not present.all():
            return _with_chinese_transcriptions(frame, local, present, english)
    return local.where(present, english)


def _with_chinese_transcriptions(frame: pd.DataFrame, local: pd.Series, present: np.ndarray,
                                 english: pd.Series) -> pd.Series:
    """Chinese names, the missing ones transcribed from the Russian name (else the English one); places of
    Chinese-script countries keep their romanised name (characters cannot be told from pinyin)."""
    missing = ~present
    if "iso3" in frame.columns:
        missing &= ~frame["iso3"].isin(CHINESE_SCRIPT_COUNTRIES).to_numpy(dtype=bool)
    source = english.to_numpy(dtype=object, na_value=None)
    if "name_ru" in frame.columns:
        russian = frame["name_ru"].astype("string").str.strip()
        source = russian.where(russian.notna() & (russian != ""), english).to_numpy(dtype=object, na_value=None)
    values = local.where(present, english).to_numpy(dtype=object, na_value=None)
    values[missing] = to_chinese_all(pd.Series(source[missing])).to_numpy(dtype=object)
    return pd.Series(values, index=frame.index, dtype="string")


NAME_LANGUAGES = ("en", "ru", "zh")  # the languages of the store's name_<lang> columns


def local_value(row, lang: str, prefix: str = "name"):
    """`<prefix>_<lang>` of one row (a mapping, Series or named tuple) where present and not blank,
    else `<prefix>_en`: corridors and cross-border regions have English and Russian texts only (their names'
    Chinese texts are the interface's, dashboard.store.chinese_texts); in Chinese a place (a row with iso3) with
    no Chinese name is transcribed from its Russian name, as `localized` does."""
    def get(key):
        return row.get(key) if hasattr(row, "get") else getattr(row, key, None)

    value = get(f"{prefix}_{lang}") if lang != "en" else None
    if isinstance(value, str) and value.strip():
        return value
    english = get(f"{prefix}_en")
    if lang != "zh":
        return english
    iso3 = get("iso3")
    if prefix == "name" and isinstance(iso3, str) and iso3 not in CHINESE_SCRIPT_COUNTRIES:  # a place: transcribed
        russian = get("name_ru")
        source = russian if isinstance(russian, str) and russian.strip() else english
        return to_chinese(source) if isinstance(source, str) else english
    return in_chinese(english) or english  # corridors' and regions' names: Chinese texts written for the UI


def country_names(countries: pd.DataFrame, lang: str) -> pd.Series:
    """Country name in `lang` indexed by iso3."""
    return pd.Series(localized(countries, lang).to_numpy(), index=countries["iso3"].to_numpy())


# ---- countries of the selection ------------------------------------------------------------------------

def bloc_members(memberships: pd.DataFrame, blocs: tuple[str, ...] | list[str], on_date=None) -> set[str]:
    """ISO3 codes of the countries in the blocs on `on_date` (default today): "SCO" with the default
    statuses (members and partner-like statuses, see blocs.DEFAULT_STATUSES), "BRICS:partner" one status."""
    members: set[str] = set()
    for bloc in blocs:
        org, _, status = bloc.partition(":")
        members |= member_codes(memberships, org, on_date, (status,) if status else None)
    return members


def selected_countries(memberships: pd.DataFrame, state: ViewState) -> tuple[str, ...]:
    """`state.countries` ∪ members of `state.blocs`, sorted; () means no country filter."""
    return tuple(sorted(set(state.countries) | bloc_members(memberships, state.blocs, state.on)))


# ---- places ---------------------------------------------------------------------------------------------

def border_region_ids(regions: pd.DataFrame) -> np.ndarray:
    return regions.loc[regions["on_land_border"].astype(bool), "region_id"].to_numpy()


def place_mask(places: pd.DataFrame, regions: pd.DataFrame, state: ViewState,
               countries: tuple[str, ...] | None, use_countries: bool = True) -> np.ndarray:
    """Which places pass the place filters (countries only when `use_countries` and any are selected).

    `countries` = the selected countries (see selected_countries); with blocs chosen but no current
    member the selection is empty and no place passes.
    """
    mask = np.ones(len(places), dtype=bool)
    if use_countries and (state.countries or state.blocs):
        mask &= places["iso3"].isin(countries or ()).to_numpy()
    if state.regions:
        mask &= places["region_id"].isin(state.regions).to_numpy()
    if state.border_only:
        mask &= places["region_id"].isin(border_region_ids(regions)).to_numpy()
    if state.min_population > 0:
        population = places["population"].fillna(0).to_numpy(dtype="float64")
        mask &= population >= state.min_population
    return mask


# ---- the twinning network, indexed once per catalogue -----------------------------------------------------

@dataclass(frozen=True)
class Network:
    """Twinnings with both ends resolved to rows of `places` (positions), computed once per catalogue."""

    places: pd.DataFrame        # the catalogue's places, positional index 0..n-1
    twinnings: pd.DataFrame     # twinnings whose two ends are known places, positional index
    end_a: np.ndarray           # position in `places` of each twinning's place_a
    end_b: np.ndarray

    @classmethod
    def of(cls, places: pd.DataFrame, twinnings: pd.DataFrame) -> Network:
        places = places.reset_index(drop=True)
        twinnings = with_tie_life(twinnings)
        position = pd.Series(np.arange(len(places)), index=places["place_id"].to_numpy())
        a = position.reindex(twinnings["place_a"].to_numpy()).to_numpy()
        b = position.reindex(twinnings["place_b"].to_numpy()).to_numpy()
        known = ~(np.isnan(a) | np.isnan(b)) if a.dtype.kind == "f" else np.ones(len(a), dtype=bool)
        twinnings = twinnings[known].reset_index(drop=True)
        return cls(places, twinnings, a[known].astype("int64"), b[known].astype("int64"))

    def link_mask(self, places_in: np.ndarray, scope: str) -> np.ndarray:
        """Twinnings touching (either end) or within (both ends) the places marked in `places_in`."""
        in_a, in_b = places_in[self.end_a], places_in[self.end_b]
        return (in_a & in_b) if scope == "within" else (in_a | in_b)

    def between_mask(self, first: str, second: str, places_in: np.ndarray) -> np.ndarray:
        iso3 = self.places["iso3"].to_numpy()
        iso_a, iso_b = iso3[self.end_a], iso3[self.end_b]
        pair = ((iso_a == first) & (iso_b == second)) | ((iso_a == second) & (iso_b == first))
        return pair & places_in[self.end_a] & places_in[self.end_b]

    def links(self, mask: np.ndarray) -> pd.DataFrame:
        """The twinnings in `mask` with, for each end, place_id, iso3, lon and lat."""
        a, b = self.end_a[mask], self.end_b[mask]
        frame = self.twinnings.loc[mask, ["twinning_id", "place_a", "place_b", "distance_km",
                                          "crosses_land_border", "in_wikipedia", "in_wikidata", *TIE_LIFE]]
        frame = frame.reset_index(drop=True)
        for side, positions in (("a", a), ("b", b)):
            frame[f"pos_{side}"] = positions
            frame[f"iso3_{side}"] = self.places["iso3"].to_numpy()[positions]
            frame[f"lon_{side}"] = self.places["lon"].to_numpy(dtype="float64")[positions]
            frame[f"lat_{side}"] = self.places["lat"].to_numpy(dtype="float64")[positions]
        return frame


#: a tie's life as the links in view carry it (dashboard.store.catalog.TWINNING_LIFE)
TIE_LIFE = ("origin", "signed", "signed_precision", "status", "status_changed", "status_source")

_networks = VersionedMemo(4)


def network(catalog) -> Network:
    """The catalogue's Network, built on first use per catalogue version."""
    return _networks.get(catalog, (), lambda: Network.of(catalog.places, catalog.twinnings))


# ---- what the filter selects ----------------------------------------------------------------------------

@dataclass(frozen=True)
class FilteredView:
    """Everything the filter selects: the one object the map, the KPI strip and the API read."""

    countries: tuple[str, ...]   # selected countries (state.countries ∪ bloc members; the pair for "between")
    place_in: np.ndarray         # bool per catalogue place: passes the place filters (and is in the space)
    links: pd.DataFrame          # twinnings in scope (see Network.links)
    linked_places: pd.DataFrame  # places at either end of a link in view, with `links_in_view`
    other_places: pd.DataFrame   # filtered places with no link in view, population >= OTHER_PLACE_MIN
    kpis: dict = field(default_factory=dict)
    #: the countries of the space (None: the world)
    space: frozenset[str] | None = None


def links_in_scope(net: Network, catalog, state: ViewState, countries: tuple[str, ...],
                   space: frozenset[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(place filter mask, twinning mask) for the state's link scope within `space` (None: the world)."""
    if state.link_scope == "between":
        places_in = place_mask(net.places, catalog.regions, state, countries, use_countries=False)
        if len(state.pair) != 2:
            return places_in, np.zeros(len(net.twinnings), dtype=bool)
        return places_in, net.between_mask(state.pair[0], state.pair[1], places_in)
    filtered = place_mask(net.places, catalog.regions, state, countries)
    in_space = (np.ones(len(net.places), dtype=bool) if space is None
                else net.places["iso3"].isin(space).to_numpy())
    places_in = filtered & in_space
    if state.link_scope in ("space", "outward"):
        mask = net.link_mask(in_space, "within" if state.link_scope == "space" else "touching")
        if has_place_filter(state):
            mask &= net.link_mask(filtered, "touching")
        return places_in, mask
    if not has_place_filter(state) and space is None:
        return places_in, np.ones(len(net.twinnings), dtype=bool)
    return places_in, net.link_mask(places_in, state.link_scope)


def kpis_of(links: pd.DataFrame) -> dict:
    """Places (either end), twinnings, countries (either end) and the share crossing a land border."""
    places = pd.unique(np.concatenate([links["place_a"].to_numpy(), links["place_b"].to_numpy()]))
    countries = pd.unique(np.concatenate([links["iso3_a"].to_numpy(), links["iso3_b"].to_numpy()]))
    countries = [c for c in countries if isinstance(c, str) and c]
    crossing = links["crosses_land_border"].fillna(False).astype(bool)
    return {
        "places": int(len(places)),
        "twinnings": int(len(links)),
        "countries": int(len(countries)),
        "cross_border_share": float(crossing.mean()) if len(links) else 0.0,
    }


def compute_filtered_view(catalog, state: ViewState) -> FilteredView:
    net = network(catalog)
    countries = selected_countries(catalog.memberships, state)
    space = state_countries(catalog, state)
    places_in, mask = links_in_scope(net, catalog, state, countries, space)
    by_status = tie_status.status_counts(net.twinnings["status"].to_numpy()[mask])
    mask = mask & tie_status.status_mask(net.twinnings["status"], state.status) & tie_status.since_mask(
        net.twinnings["signed"], state.since)
    links = net.links(mask)
    counts = np.bincount(np.concatenate([links["pos_a"].to_numpy(), links["pos_b"].to_numpy()]),
                         minlength=len(net.places))
    linked = net.places.loc[counts > 0].copy()
    linked["links_in_view"] = counts[counts > 0]
    population = net.places["population"].fillna(0).to_numpy(dtype="float64")
    candidates = places_in
    if state.link_scope == "between":  # the pair's countries only, not the whole world's cities
        candidates = places_in & net.places["iso3"].isin(state.pair).to_numpy()
    other = net.places.loc[candidates & (counts == 0) & (population >= OTHER_PLACE_MIN_POPULATION)]
    shown = tuple(sorted(state.pair)) if state.link_scope == "between" else countries
    kpis = {**kpis_of(links), "ties_by_status": by_status}
    return FilteredView(shown, places_in, links, linked, other, kpis, space)


_views = VersionedMemo(_CACHE_SIZE)


def filtered_view(catalog, state: ViewState) -> FilteredView:
    """compute_filtered_view, cached per catalogue version and filter (the last 64 filters)."""
    return _views.get(catalog, filter_key(state), lambda: compute_filtered_view(catalog, state))


# ---- one place and its partners -----------------------------------------------------------------------------

def place_row(catalog, place_id: int | None) -> pd.Series | None:
    """The catalogue row of a place, or None when there is no such place."""
    if place_id is None:
        return None
    rows = catalog.places[catalog.places["place_id"] == place_id]
    return None if rows.empty else rows.iloc[0]


def partners_of(catalog, place_id: int, links_in_view: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every twin of a place: place_id, names, iso3, lon, lat, population, distance_km,
    crosses_land_border, twinning_id and `in_view` (the link is among `links_in_view`; True without
    it), sorted by distance."""
    net = network(catalog)
    twinnings = net.twinnings
    as_a = twinnings["place_a"].to_numpy() == place_id
    as_b = twinnings["place_b"].to_numpy() == place_id
    other = np.concatenate([net.end_b[as_a], net.end_a[as_b]])
    touching = pd.concat([twinnings[as_a], twinnings[as_b]])
    partners = net.places.iloc[other][["place_id", "name_en", "name_ru", "name_zh", "iso3", "lon", "lat",
                                       "population", "region_id"]].reset_index(drop=True)
    partners["distance_km"] = touching["distance_km"].to_numpy()
    partners["crosses_land_border"] = touching["crosses_land_border"].to_numpy()
    partners["twinning_id"] = touching["twinning_id"].to_numpy()
    for column in TIE_LIFE:
        partners[column] = touching[column].to_numpy()
    if links_in_view is None:
        partners["in_view"] = True
    else:
        partners["in_view"] = partners["twinning_id"].isin(links_in_view["twinning_id"]).to_numpy()
    return partners.sort_values(["distance_km", "place_id"], ignore_index=True)


def twinnings_table(catalog, view: FilteredView, lang: str = "en") -> pd.DataFrame:
    """The links in view as a flat table for export: ids, both ends' names and countries, distance."""
    net = network(catalog)
    links = view.links
    names = localized(net.places, lang).to_numpy()
    table = pd.DataFrame({
        "twinning_id": links["twinning_id"].to_numpy(),
        "place_a": links["place_a"].to_numpy(), "name_a": names[links["pos_a"].to_numpy()],
        "iso3_a": links["iso3_a"].to_numpy(),
        "place_b": links["place_b"].to_numpy(), "name_b": names[links["pos_b"].to_numpy()],
        "iso3_b": links["iso3_b"].to_numpy(),
        "distance_km": links["distance_km"].to_numpy(),
        "crosses_land_border": links["crosses_land_border"].to_numpy(),
        "in_wikipedia": links["in_wikipedia"].to_numpy(),
        "in_wikidata": links["in_wikidata"].to_numpy(),
        **{column: links[column].to_numpy() for column in TIE_LIFE},
    })
    return table.sort_values("twinning_id", ignore_index=True)


# ---- the extent of a selection ---------------------------------------------------------------------------

def extent(lon: np.ndarray, lat: np.ndarray, margin: float = 0.08,
           min_span: float = 6.0) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """((lon_min, lon_max), (lat_min, lat_max)) around the points with a margin; None for no points.

    Points on both sides of the antimeridian are wrapped to a range beyond 180° when that is narrower.
    """
    lon = np.asarray(lon, dtype="float64")
    lat = np.asarray(lat, dtype="float64")
    keep = ~(np.isnan(lon) | np.isnan(lat))
    lon, lat = lon[keep], lat[keep]
    if not len(lon):
        return None
    wrapped = np.where(lon < 0, lon + 360.0, lon)
    if np.ptp(wrapped) < np.ptp(lon):
        lon = wrapped
    lon_lo, lon_hi = float(lon.min()), float(lon.max())
    lat_lo, lat_hi = float(lat.min()), float(lat.max())
    lon_pad = max((lon_hi - lon_lo) * margin, (min_span - (lon_hi - lon_lo)) / 2, 0.0)
    lat_pad = max((lat_hi - lat_lo) * margin, (min_span - (lat_hi - lat_lo)) / 2, 0.0)
    return ((lon_lo - lon_pad, lon_hi + lon_pad),
            (max(lat_lo - lat_pad, -85.0), min(lat_hi + lat_pad, 85.0)))
