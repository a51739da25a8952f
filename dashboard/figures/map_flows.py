"""Aggregated flows (the FlowmapBlue way): the twinnings in view summed between countries — or between
first-level regions once a country or a pair of countries is chosen — drawn as straight great-circle
lines whose width says how many twinnings they carry.

One trace per width class (FLOW_CLASSES: fixed thresholds, so a width means the same on every view),
NaN-separated float32 arrays, and one marker trace at the flows' midpoints carrying the hover (the count
and the largest city pairs) and, for flows between two countries, `pair:AAA,BBB` as customdata: a click
selects that pair. No Dash, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.figures import theme
from dashboard.figures.map_style import rgba, segments
from dashboard.i18n import t, tn
from dashboard.state import ViewState
from dashboard.store import queries, spaces
from geo.distance import great_circle_points

#: (smallest count, line width px) of each width class, thinnest first
FLOW_CLASSES = ((1, 1.2), (5, 2.6), (20, 4.6), (60, 7.5))
FLOW_TRACES = tuple(f"flows_{i + 1}" for i in range(len(FLOW_CLASSES))) + ("flow_hover",)
TOP_PAIRS = 3
FLOW_PREFIX = "pair:"  # customdata of a country flow: "pair:BLR,RUS"


def flow_level(state: ViewState) -> str | None:
    """"countries", "regions" or None (no flows: the world as before spaces, or nothing chosen to sum)."""
    if spaces.is_world(state.space):
        return None
    if state.link_scope == "between" and len(state.pair) == 2:
        return "regions"
    if 0 < len(state.countries) <= 2 or state.regions:
        return "regions"
    return "countries"


def shows_city_links(state: ViewState) -> bool:
    """City-to-city arcs are drawn in the world view, with the "cities" switch, or once a country, region
    or pair is chosen; otherwise the flows stand for them."""
    return flow_level(state) != "countries" or state.cities


@dataclass(frozen=True)
class Flows:
    """One row per flow: both ends' keys, coordinates and names, the count, the hover text."""

    frame: pd.DataFrame  # key_a, key_b, lon_a, lat_a, lon_b, lat_b, count, name_a, name_b, top, iso3_a, iso3_b


def flow_frame(catalog, links: pd.DataFrame, level: str, lang: str) -> Flows:
    """The links summed per unordered pair of countries (or regions); links inside one unit are left out."""
    places = queries.network(catalog).places
    if level == "countries":
        units = catalog.countries
        key_of = places["iso3"].to_numpy()
        unit_key = "iso3"
    else:
        units = catalog.regions
        key_of = places["region_id"].to_numpy()
        unit_key = "region_id"
    a = key_of[links["pos_a"].to_numpy()] if len(links) else np.empty(0, dtype=object)
    b = key_of[links["pos_b"].to_numpy()] if len(links) else np.empty(0, dtype=object)
    known = pd.notna(a) & pd.notna(b)
    a, b = a.astype(object), b.astype(object)
    known &= a != b
    if not known.any():
        return Flows(pd.DataFrame(columns=["key_a", "key_b", "lon_a", "lat_a", "lon_b", "lat_b", "count",
                                           "name_a", "name_b", "top", "iso3_a", "iso3_b"]))
    low = np.where(a < b, a, b)[known]
    high = np.where(a < b, b, a)[known]
    kept = links.loc[known].reset_index(drop=True)
    population = places["population"].fillna(0).to_numpy(dtype="float64")
    weight = np.minimum(population[kept["pos_a"].to_numpy()], population[kept["pos_b"].to_numpy()])
    names = queries.localized(places, lang).fillna("").to_numpy()
    pairs = pd.DataFrame({"key_a": low, "key_b": high, "weight": weight,
                          "pair": [f"{x} — {y}" for x, y in zip(names[kept["pos_a"].to_numpy()],
                                                                names[kept["pos_b"].to_numpy()])]})
    counts = pairs.groupby(["key_a", "key_b"], sort=False).size().rename("count")
    top = (pairs.sort_values("weight", ascending=False, kind="stable").groupby(["key_a", "key_b"], sort=False)
           .head(TOP_PAIRS).groupby(["key_a", "key_b"], sort=False)["pair"].agg(list).rename("top"))
    frame = pd.concat([counts, top], axis=1).reset_index()
    lookup = units.set_index(unit_key)
    unit_names = pd.Series(queries.localized(units, lang).to_numpy(), index=units[unit_key].to_numpy())
    for side in ("a", "b"):
        keys = frame[f"key_{side}"]
        frame[f"lon_{side}"] = keys.map(lookup["label_lon"]).to_numpy(dtype="float64")
        frame[f"lat_{side}"] = keys.map(lookup["label_lat"]).to_numpy(dtype="float64")
        frame[f"name_{side}"] = keys.map(unit_names).fillna(keys).to_numpy()
        frame[f"iso3_{side}"] = keys.map(lookup["iso3"]).to_numpy() if level == "regions" else keys.to_numpy()
    frame = frame.dropna(subset=["lon_a", "lat_a", "lon_b", "lat_b"])
    return Flows(frame.sort_values("count", ascending=False, kind="stable").reset_index(drop=True))


def width_class(counts: np.ndarray) -> np.ndarray:
    """The index in FLOW_CLASSES of each count."""
    thresholds = np.array([low for low, _ in FLOW_CLASSES[1:]])
    return np.searchsorted(thresholds, np.asarray(counts), side="right")


def flow_hover(flows: pd.DataFrame, lang: str) -> list[str]:
    return [
        f"<b>{a} — {b}</b><br>{tn('network.cell.count', int(n), lang)}<br>"
        + "<br>".join(f"· {pair}" for pair in top)
        for a, b, n, top in zip(flows["name_a"], flows["name_b"], flows["count"], flows["top"])
    ]


def flow_traces(catalog, view: queries.FilteredView, state: ViewState, visible: bool) -> list[dict]:
    """The width-class line traces and the hover trace (all empty when the state draws no flows)."""
    level = flow_level(state)
    frame = flow_frame(catalog, view.links, level, state.lang).frame if level else pd.DataFrame()
    classes = width_class(frame["count"].to_numpy()) if len(frame) else np.empty(0, dtype=int)
    colour = theme.BLUE if level == "countries" else theme.PURPLE
    alpha = 0.55 if level == "countries" else 0.35
    traces = []
    for index, (_, width) in enumerate(FLOW_CLASSES):
        part = frame[classes == index] if len(frame) else frame
        lon, lat = (segments(part["lon_a"].to_numpy(), part["lat_a"].to_numpy(), part["lon_b"].to_numpy(),
                             part["lat_b"].to_numpy()) if len(part) else (np.empty(0, "float32"),) * 2)
        traces.append({"type": "scattergeo", "mode": "lines", "lon": lon, "lat": lat,
                       "line": {"color": rgba(colour, alpha), "width": width}, "hoverinfo": "skip",
                       "name": t("map.legend.flows", state.lang), "visible": visible})
    places = view.linked_places
    traces.append(flow_hover_trace(frame, state.lang, visible, places["lon"].to_numpy(dtype="float64"),
                                   places["lat"].to_numpy(dtype="float64")))
    return traces


#: where along a flow its hover marker may sit (share of the way from one end)
HOVER_POSITIONS = np.array([0.3, 0.4, 0.5, 0.6, 0.7])


def hover_points(frame: pd.DataFrame, avoid_lon: np.ndarray, avoid_lat: np.ndarray) -> np.ndarray:
    """(lon, lat) of each flow's hover marker: of the points 30–70 % along it, the one farthest from the
    cities drawn (`avoid_*`), so that a click there picks the flow and not a city."""
    steps = 11  # 0, 0.1, ..., 1
    path = great_circle_points(frame["lon_a"].to_numpy(), frame["lat_a"].to_numpy(),
                               frame["lon_b"].to_numpy(), frame["lat_b"].to_numpy(), steps).reshape(-1, steps, 2)
    candidates = path[:, np.rint(HOVER_POSITIONS * (steps - 1)).astype(int), :]  # flows × positions × 2
    if not len(avoid_lon):
        return candidates[:, len(HOVER_POSITIONS) // 2, :]
    flat = candidates.reshape(-1, 2)
    nearest = np.full(len(flat), np.inf)
    for start in range(0, len(avoid_lon), 2000):  # flows × cities at most 2000 at a time
        dlon = (flat[:, :1] - avoid_lon[None, start:start + 2000] + 180.0) % 360.0 - 180.0
        dlon *= np.cos(np.radians(flat[:, 1:2]))
        dlat = flat[:, 1:2] - avoid_lat[None, start:start + 2000]
        nearest = np.minimum(nearest, np.hypot(dlon, dlat).min(axis=1))
    best = nearest.reshape(len(frame), len(HOVER_POSITIONS)).argmax(axis=1)
    return candidates[np.arange(len(frame)), best, :]


def flow_hover_trace(frame: pd.DataFrame, lang: str, visible: bool, avoid_lon: np.ndarray | None = None,
                     avoid_lat: np.ndarray | None = None) -> dict:
    if len(frame):
        middle = hover_points(frame, np.asarray(avoid_lon if avoid_lon is not None else []),
                              np.asarray(avoid_lat if avoid_lat is not None else []))
        between = frame["iso3_a"].to_numpy() != frame["iso3_b"].to_numpy()
        customdata = [f"{FLOW_PREFIX}{a},{b}" if other else None
                      for a, b, other in zip(frame["iso3_a"], frame["iso3_b"], between)]
        sizes = (6 + 2.2 * np.asarray([width for _, width in FLOW_CLASSES])[width_class(frame["count"])]
                 ).astype("float32")
    else:
        middle, customdata, sizes = np.empty((0, 2)), [], np.empty(0, "float32")
    return {
        "type": "scattergeo", "mode": "markers", "lon": middle[:, 0].astype("float32"),
        "lat": middle[:, 1].astype("float32"),
        "marker": {"size": sizes, "color": "rgba(0,0,0,0)"},
        "customdata": customdata, "hovertext": flow_hover(frame, lang) if len(frame) else [],
        "hoverinfo": "text", "name": t("map.legend.flows", lang), "visible": visible,
    }


def pair_of_click(customdata: object) -> tuple[str, str] | None:
    """The pair a click on a flow chose ("pair:BLR,RUS" -> ("BLR", "RUS")), or None."""
    if not isinstance(customdata, str) or not customdata.startswith(FLOW_PREFIX):
        return None
    first, _, second = customdata[len(FLOW_PREFIX):].partition(",")
    return (first, second) if first and second and first != second else None
