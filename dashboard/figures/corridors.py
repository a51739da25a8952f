"""The corridors map: pure functions of (corridor view, catalogue, layers, state) -> plotly figure parts.

A fixed list of traces (TRACES), one per visual class: countries (static, its GeoJSON loaded by URL
like the map page's), the border strip (static too, a toggled layer: the land within ViewState.strip_km
of a land border, its GeoJSON loaded by URL per width; re-sent only when it is toggled, its width or the
language changes), cross-border regions, known corridors (solid blue lines through their cities,
a square for a zone), proposed corridors (dashed yellow on a dark casing: visibly different), an
invisible marker at each proposed pair's midpoint carrying its "why" on hover, the proposed
corridors' cities, corridor labels and the chosen item in orange. Clicks give the item id (customdata,
or the choropleth location). `corridor_updates` returns what changed as {path: value} for a
dash.Patch. No Dash here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from dashboard.figures import theme
from dashboard.figures.crossborder_status import status_line
from dashboard.figures.flat_frame import (
    FRAME_PX,
    SIDE_PANEL_ZONE,
    beside_side_panel,
    frame_geo,
    screen_positions,
)
from dashboard.figures.map_layers import country_trace
from dashboard.figures.map_style import encoded, rgba, segments
from dashboard.figures.map_view import (
    VIEWPORT_WINDOWS,
    viewport_revision,
)
from dashboard.i18n import format_number, t
from dashboard.memo import VersionedMemo
from dashboard.state import ViewState
from dashboard.store import queries
from dashboard.store.corridor_views import CorridorView, corridor_names, crossborder_item_id, known_id
from dashboard.store.layers import BorderStrips, MapLayers, display_geometries, feature_collection
from geo.distance import great_circle_points
from geo.labels import text_width, thin_labels
from geo.parts import flat_parts
from geo.viewport import Window

TRACES = ("countries", "border_strip", "crossborder", "known_lines", "proposed_casing", "proposed_lines",
          "pair_hover", "proposed_places", "known_places", "labels", "selection_lines", "selection_places")
TRACE_INDEX = {name: i for i, name in enumerate(TRACES)}
DYNAMIC_TRACES = TRACES[2:]

KNOWN_COLOUR = theme.BLUE
PROPOSED_COLOUR = theme.ROLE["note"]      # yellow, drawn dashed on a dark casing
CASING_COLOUR = rgba(theme.INK, 0.7)
REGION_COLOUR = theme.PURPLE
SELECTION_COLOUR = theme.ORANGE
STRIP_COLOUR = theme.ROLE["border_region"]  # green, as the map page's border regions
STRIP_FILL = rgba(STRIP_COLOUR, 0.24)
STRIP_LINE = rgba(STRIP_COLOUR, 0.45)
#: crossborder fill by kind: verified, history (inactive), no source address
REGION_FILLS = {"verified": rgba(REGION_COLOUR, 0.30), "inactive": rgba(theme.LINE_STRONG, 0.28),
                "no_address": rgba(REGION_COLOUR, 0.12)}
MAX_LABELS = 12
LABEL_FONT_PX = 12


@dataclass(frozen=True)
class CorridorMapInputs:
    """What the figure is drawn from: the view, the catalogue, the map's display layers (for the
    countries), the URL the browser loads the countries' GeoJSON from (None: embedded), the border
    strips (None: not loaded, as when the layer is off) and the URL of the state's strip width."""

    view: CorridorView
    catalog: object
    layers: MapLayers
    countries_url: str | None = None
    strips: BorderStrips | None = None
    strip_url: str | None = None

    @property
    def state(self) -> ViewState:
        return self.view.state

    @property
    def window(self) -> Window:
        return corridor_window(self.view)


def corridor_window(view: CorridorView) -> Window:
    """The state's viewport; "fit" = the chosen item, else every corridor in view, else Eurasia, with
    room on the right for the side panel (the card, always open on this page, above the legend). The default ("eurasia") fits the
    corridors in view too: Eurasia's own window would put the Amur (Blagoveshchensk — Heihe) under the card."""
    state = view.state
    if state.viewport == "world":
        return Window(*VIEWPORT_WINDOWS[state.viewport])
    lon, lat = _selection_points(view)
    if not len(lon):
        places = view.candidates.places
        pos = view.places["pos"].to_numpy()
        lon = np.concatenate([places["lon"].to_numpy(float)[pos], view.known_places["lon"].to_numpy(float)])
        lat = np.concatenate([places["lat"].to_numpy(float)[pos], view.known_places["lat"].to_numpy(float)])
    if state.viewport == "eurasia":  # the corridors in view within Eurasia's longitudes (not Brazil–Bolivia)
        (west, east), _ = VIEWPORT_WINDOWS["eurasia"]
        inside = (np.asarray(lon) >= west) & (np.asarray(lon) <= east)
        lon, lat = np.asarray(lon)[inside], np.asarray(lat)[inside]
    box = queries.extent(lon, lat, min_span=3.0)
    if box is None:
        return beside_side_panel(Window(*VIEWPORT_WINDOWS["eurasia"]))
    return beside_side_panel(Window(*box))


def _selection_points(view: CorridorView) -> tuple[np.ndarray, np.ndarray]:
    item = view.selected
    if not item:
        return np.empty(0), np.empty(0)
    if item.startswith("p"):
        corridor = view.shown.loc[view.shown["item_id"] == item, "corridor"]
        pos = view.places.loc[view.places["corridor"].isin(corridor), "pos"].to_numpy()
        places = view.candidates.places
        return places["lon"].to_numpy(float)[pos], places["lat"].to_numpy(float)[pos]
    if item.startswith("k-"):
        members = view.known_places[view.known_places["corridor_id"] == item[2:]]
        return members["lon"].to_numpy(float), members["lat"].to_numpy(float)
    return np.empty(0), np.empty(0)


# ---- traces -------------------------------------------------------------------------------------------

def region_kind(row) -> str:
    if row.verification == "no_address":
        return "no_address"
    return "verified" if row.status == "active" else "inactive"  # suspended, ended or not known to be active


_region_features = VersionedMemo(2)


def region_features(view: CorridorView) -> dict:
    """item id -> display GeoJSON feature of every drawable cross-border region (once per store version)."""
    prepared = view.prepared

    def compute() -> dict:
        shapes = prepared.region_shapes
        ids = [crossborder_item_id(c) for c in shapes["crossborder_id"]]
        collection = feature_collection(ids, display_geometries(shapes["geometry"].to_numpy(), 0.02))
        return {feature["id"]: feature for feature in collection["features"]}
    return _region_features.get(prepared, (), compute)


def crossborder_trace(view: CorridorView, lang: str) -> dict:
    """The drawn cross-border regions (never the unverified ones), filled by kind; location = item id."""
    features = region_features(view)
    rows = view.crossborder[(view.crossborder["verification"] != "unverified")]
    drawn = np.array([crossborder_item_id(c) in features for c in rows["crossborder_id"]], dtype=bool)
    rows = rows[drawn]  # a boolean array, not a list: an empty list would select no columns
    ids = [crossborder_item_id(c) for c in rows["crossborder_id"]]
    kinds = [region_kind(row) for row in rows.itertuples()]
    order = ("no_address", "inactive", "verified")
    z = np.array([order.index(kind) for kind in kinds], dtype="int8")
    colorscale = [[0.0, REGION_FILLS["no_address"]], [0.5, REGION_FILLS["inactive"]],
                  [1.0, REGION_FILLS["verified"]]]
    hover = []
    for row, kind in zip(rows.itertuples(), kinds):
        name = queries.local_value(row, lang)
        lines = [f"<b>{name}</b>"]
        if pd.notna(row.founded):
            lines.append(t("corridors.card.founded", lang, year=int(row.founded)))
        lines.append(t(f"corridors.region_kind.{kind}", lang))
        lines.append(status_line(row.status, row.status_date, lang))
        lines.append(t("corridors.hover.click", lang))
        hover.append("<br>".join(lines))
    return {
        "type": "choropleth", "geojson": {"type": "FeatureCollection", "features": [features[i] for i in ids]},
        "locations": ids, "z": z, "zmin": 0, "zmax": 2, "colorscale": colorscale, "showscale": False,
        "marker": {"line": {"color": rgba(REGION_COLOUR, 0.9), "width": 1.2}},
        "hovertext": hover, "hoverinfo": "text", "name": t("corridors.legend.crossborder", lang),
    }


def _known_segments(view: CorridorView, corridor_ids=None) -> tuple[np.ndarray, np.ndarray]:
    places = view.known_places
    if corridor_ids is not None:
        places = places[places["corridor_id"].isin(corridor_ids)]
    same = places["corridor_id"].to_numpy()[1:] == places["corridor_id"].to_numpy()[:-1]
    lon, lat = places["lon"].to_numpy(float), places["lat"].to_numpy(float)
    return segments(lon[:-1][same], lat[:-1][same], lon[1:][same], lat[1:][same])


def known_traces(view: CorridorView, lang: str) -> list[dict]:
    lon, lat = _known_segments(view)
    lines = {"type": "scattergeo", "mode": "lines", "lon": lon, "lat": lat,
             "line": {"color": KNOWN_COLOUR, "width": 3.5}, "hoverinfo": "skip",
             "name": t("corridors.legend.known", lang)}
    places = view.known_places
    corridors = view.known.set_index("corridor_id")
    single = places.groupby("corridor_id")["seq"].transform("size").to_numpy() == 1
    names = queries.localized(places, lang).to_numpy()
    hover = []
    for name, corridor_id in zip(names, places["corridor_id"]):
        row = corridors.loc[corridor_id]
        title = queries.local_value(row, lang)
        hover.append(f"<b>{title}</b><br>{name}<br>{t('corridors.kind.known', lang)}")
    markers = {
        "type": "scattergeo", "mode": "markers", "lon": places["lon"].to_numpy("float32"),
        "lat": places["lat"].to_numpy("float32"),
        "marker": {"symbol": np.where(single, "diamond", "square").tolist(), "size": np.where(single, 15, 10).tolist(),
                   "color": KNOWN_COLOUR, "line": {"color": theme.PAGE, "width": 1.5}},
        "customdata": [known_id(c) for c in places["corridor_id"]], "hovertext": hover, "hoverinfo": "text",
        "name": t("corridors.legend.known", lang),
    }
    return [lines, markers]


def pair_hover_text(pairs: pd.DataFrame, names: np.ndarray, lang: str, view: CorridorView) -> list[str]:
    """Each pair's figures: who, how far, the score and its parts, and the ties found."""
    crossborder = {row.crossborder_id: queries.local_value(row, lang)
                   for row in view.crossborder.itertuples()}
    km = t("map.unit.km", lang)
    score_word = t("corridors.score", lang)
    twinned_word = t("corridors.tie.twinned", lang)
    parts_template = t("corridors.score.parts", lang)
    regions_template = t("corridors.tie.regions", lang)
    out = []
    for a, b, distance, score, population, proximity, ties, twinned, region_twinnings, crossborder_id in zip(
            names[pairs["pos_a"].to_numpy()], names[pairs["pos_b"].to_numpy()], pairs["distance_km"].to_numpy(),
            pairs["score"].to_numpy(), pairs["population_points"].to_numpy(), pairs["proximity_points"].to_numpy(),
            pairs["tie_points"].to_numpy(), pairs["twinned"].to_numpy(), pairs["region_twinnings"].to_numpy(),
            pairs["crossborder_id"].to_numpy()):
        found = []
        if twinned:
            found.append(twinned_word)
        if region_twinnings > 0:
            found.append(regions_template.format(count=int(region_twinnings)))
        if crossborder_id is not None and crossborder_id in crossborder:
            found.append(crossborder[crossborder_id])
        parts = parts_template.format(population=_points(population, lang), proximity=_points(proximity, lang),
                                      ties=_points(ties, lang))
        out.append(f"<b>{a} — {b}</b><br>{format_distance(distance, lang)} {km} · {score_word} "
                   f"{_points(score, lang)}<br>{parts}" + (f"<br>{' · '.join(found)}" if found else ""))
    return out


def _points(value: float, lang: str) -> str:
    return format_number(value, lang, decimals=1)


def format_distance(km: float, lang: str) -> str:
    """4.4 / 4,4 under 10 km, then whole km grouped like counts."""
    return format_number(km, lang, decimals=1) if km < 10 else format_number(int(round(km)), lang)


def fast_count(value: float, lang: str) -> str:
    """format_count for plain numbers (no NA), without pandas: for thousands of hover texts."""
    return format_number(int(round(value)), lang)


def proposed_traces(view: CorridorView, countries: pd.DataFrame, lang: str) -> list[dict]:
    """Casing, dashed lines, the hover markers at the pairs' midpoints, and the corridors' cities."""
    places = view.candidates.places
    lon_all, lat_all = places["lon"].to_numpy(float), places["lat"].to_numpy(float)
    pairs = view.pairs
    a, b = pairs["pos_a"].to_numpy(), pairs["pos_b"].to_numpy()
    lon, lat = segments(lon_all[a], lat_all[a], lon_all[b], lat_all[b])
    casing = {"type": "scattergeo", "mode": "lines", "lon": lon, "lat": lat,
              "line": {"color": CASING_COLOUR, "width": 4.6}, "hoverinfo": "skip",
              "name": t("corridors.legend.proposed", lang)}
    dashed = {"type": "scattergeo", "mode": "lines", "lon": lon, "lat": lat,
              "line": {"color": PROPOSED_COLOUR, "width": 2.6, "dash": "dash"}, "hoverinfo": "skip",
              "name": t("corridors.legend.proposed", lang)}
    names = view.prepared.names.get(lang, view.prepared.names["en"])
    item_of = pd.Series(view.shown["item_id"].to_numpy(), index=view.shown["corridor"].to_numpy())
    if len(pairs):
        middle = great_circle_points(lon_all[a], lat_all[a], lon_all[b], lat_all[b], 3).reshape(-1, 3, 2)[:, 1, :]
    else:
        middle = np.empty((0, 2))
    hover = {
        "type": "scattergeo", "mode": "markers", "lon": middle[:, 0].astype("float32"),
        "lat": middle[:, 1].astype("float32"), "marker": {"size": 10, "color": "rgba(0,0,0,0)"},
        "customdata": item_of.reindex(pairs["corridor"].to_numpy()).tolist(),
        "hovertext": pair_hover_text(pairs, names, lang, view), "hoverinfo": "text",
        "name": t("corridors.legend.proposed", lang),
    }
    members = view.places
    corridor_name = corridor_names(view, lang)
    rank = dict(zip(view.shown["corridor"].to_numpy().tolist(), view.shown["rank"].to_numpy().tolist()))
    country = queries.country_names(countries, lang)
    population = members["population"].to_numpy(float)
    hover_text = [
        f"<b>{names[pos]}</b> · {country.get(iso3, iso3)}<br>{t('map.hover.population', lang)}: "
        f"{fast_count(pop, lang) if pop > 0 else '—'}<br>#{rank.get(c, '')} {corridor_name.get(c, '')}"
        for pos, iso3, pop, c in zip(members["pos"], members["iso3"], population, members["corridor"])]
    dots = {
        "type": "scattergeo", "mode": "markers",
        "lon": lon_all[members["pos"].to_numpy()].astype("float32"),
        "lat": lat_all[members["pos"].to_numpy()].astype("float32"),
        "marker": {"size": city_sizes(population), "color": theme.PAGE,
                   "line": {"color": theme.INK, "width": 1.4}},
        "customdata": item_of.reindex(members["corridor"].to_numpy()).tolist(), "hovertext": hover_text,
        "hoverinfo": "text", "name": t("corridors.legend.cities", lang),
    }
    return [casing, dashed, hover, dots]


def city_sizes(population) -> np.ndarray:
    """Marker diameters, 6 px at 10,000 to 16 px from 3 million (area grows with population)."""
    population = np.nan_to_num(np.asarray(population, dtype=float), nan=0.0).clip(min=0)
    share = np.sqrt(np.clip((population - 10_000) / 3_000_000, 0.0, 1.0))
    return (6.0 + 10.0 * share).astype("float32")


def label_traces(view: CorridorView, lang: str, window: Window) -> dict:
    """Short corridor names (the city pair, as «Алматы — Бишкек»; the full name shows on hover and in the card)
    at their first city, known corridors then the best ranks first, thinned for the frame (flat_frame) so
    that they neither overlap nor leave it nor hide under the side panel."""
    names = corridor_names(view, lang)
    shown = view.shown.sort_values("rank")
    places = view.candidates.places
    hubs = shown["hub"].to_numpy()
    candidate_names = [names.get(c, "") for c in shown["corridor"]]
    ordered = view.known_places.sort_values(["corridor_id", "seq"])
    first = ordered.drop_duplicates("corridor_id")[["corridor_id", "lon", "lat"]]
    known = view.known[["corridor_id", "name_en", "name_ru"]].merge(first, on="corridor_id")
    pairs = {corridor: " — ".join(dict.fromkeys(queries.local_value(row, lang) for _, row in members.iterrows()))
             for corridor, members in ordered.groupby("corridor_id", sort=False)}
    full = [queries.local_value(row, lang) for row in known.itertuples()] + candidate_names
    short = [pairs.get(c) or name for c, name in zip(known["corridor_id"], full)] + candidate_names
    lon = np.concatenate([known["lon"].to_numpy(float), places["lon"].to_numpy(float)[hubs]])
    lat = np.concatenate([known["lat"].to_numpy(float), places["lat"].to_numpy(float)[hubs]])
    sizes = np.full(len(lon), 12.0)
    x, y = screen_positions(lon, lat, window)
    keep, placements = thin_labels(x, y, text_width(np.asarray(short, dtype=object), LABEL_FONT_PX), LABEL_FONT_PX,
                                   -np.arange(len(lon), dtype=float), sizes / 2, *FRAME_PX, max_labels=MAX_LABELS,
                                   blocked=(SIDE_PANEL_ZONE,))
    return {
        "type": "scattergeo", "mode": "markers+text", "name": "labels",
        "lon": lon.astype("float32")[keep], "lat": lat.astype("float32")[keep],
        "text": [short[i] for i in keep], "textposition": placements,
        "hovertext": [full[i] for i in keep], "hoverinfo": "text",
        "marker": {"size": sizes.astype("float32")[keep], "color": "rgba(0,0,0,0)"},
        "textfont": {"size": LABEL_FONT_PX, "color": theme.INK, "family": theme.FONT_FAMILY, "shadow": "auto"},
    }


def corridor_geo(state: ViewState, window: Window) -> dict:
    """The geo subplot showing `window` in the corridors map's flat frame."""
    return frame_geo(window, viewport_revision(state, window))


def selection_traces(view: CorridorView, lang: str) -> list[dict]:
    """The chosen corridor's lines and cities in orange (empty for none or for a cross-border region)."""
    empty_lines = {"type": "scattergeo", "mode": "lines", "lon": np.empty(0, "float32"),
                   "lat": np.empty(0, "float32"), "hoverinfo": "skip", "name": "selection"}
    empty_places = {**empty_lines, "mode": "markers"}
    item = view.selected
    if not item:
        return [empty_lines, empty_places]
    if item.startswith("x-"):
        shapes = view.prepared.region_shapes.set_index("crossborder_id")["geometry"]
        if item[2:] not in shapes.index:
            return [empty_lines, empty_places]
        lon, lat = outline(shapes.loc[item[2:]])
        return [{**empty_lines, "lon": lon, "lat": lat, "line": {"color": SELECTION_COLOUR, "width": 3.5}},
                empty_places]
    places = view.candidates.places
    if item.startswith("p"):
        corridor = view.shown.loc[view.shown["item_id"] == item, "corridor"]
        pairs = view.pairs[view.pairs["corridor"].isin(corridor)]
        lon_all, lat_all = places["lon"].to_numpy(float), places["lat"].to_numpy(float)
        a, b = pairs["pos_a"].to_numpy(), pairs["pos_b"].to_numpy()
        lon, lat = segments(lon_all[a], lat_all[a], lon_all[b], lat_all[b])
        pos = view.places.loc[view.places["corridor"].isin(corridor), "pos"].to_numpy()
        points_lon, points_lat = lon_all[pos], lat_all[pos]
    else:
        lon, lat = _known_segments(view, [item[2:]])
        members = view.known_places[view.known_places["corridor_id"] == item[2:]]
        points_lon, points_lat = members["lon"].to_numpy(float), members["lat"].to_numpy(float)
    lines = {**empty_lines, "lon": lon, "lat": lat, "line": {"color": SELECTION_COLOUR, "width": 5.5}}
    dots = {**empty_places, "lon": points_lon.astype("float32"), "lat": points_lat.astype("float32"),
            "marker": {"size": 12, "color": SELECTION_COLOUR, "line": {"color": theme.INK, "width": 1.4}}}
    return [lines, dots]


def outline(geometry) -> tuple[np.ndarray, np.ndarray]:
    """The rings of a (multi)polygon as one NaN-separated line (float32 lon, lat)."""
    rings, _ = flat_parts(shapely.boundary(np.asarray([geometry], dtype=object)))
    coords, ring = shapely.get_coordinates(rings, return_index=True)
    breaks = np.flatnonzero(np.diff(ring)) + 1
    lon = np.insert(coords[:, 0], breaks, np.nan).astype("float32")
    lat = np.insert(coords[:, 1], breaks, np.nan).astype("float32")
    return lon, lat


def strip_hover(rows: pd.DataFrame, countries: pd.DataFrame, lang: str) -> list[str]:
    """"<b>Border strip, 50 km</b><br>Belarus, along the land border with Latvia, Lithuania<br>12,345 km²"
    for each country's strip (rows: BorderStrips.of(width, "country"))."""
    names = queries.country_names(countries, lang)
    title = t("corridors.legend.strip", lang, km=int(rows["width_km"].iloc[0])) if len(rows) else ""
    out = []
    for iso3, others, area in zip(rows["iso3"], rows["neighbour_iso3"], rows["area_km2"]):
        neighbours = ", ".join(sorted(str(names.get(code, code)) for code in others.split(",")))
        out.append(f"<b>{title}</b><br>" + t("corridors.hover.strip", lang, country=names.get(iso3, iso3),
                                             neighbours=neighbours)
                   + f"<br>{fast_count(area, lang)} {t('corridors.unit.km2', lang)}")
    return out


def strip_trace(inputs: CorridorMapInputs) -> dict:
    """The border strip of the state's width, one feature per country, shaded; hidden (and empty) while
    the layer is off or the strips are not loaded. Its polygons come by URL (inputs.strip_url), else
    embedded."""
    state, lang = inputs.state, inputs.state.lang
    trace = {"type": "choropleth", "locations": [], "z": np.zeros(0, dtype="int8"), "zmin": 0, "zmax": 1,
             "colorscale": [[0, STRIP_FILL], [1, STRIP_FILL]], "showscale": False,
             "marker": {"line": {"color": STRIP_LINE, "width": 0.5}}, "hoverinfo": "text",
             "name": t("corridors.legend.strip", lang, km=state.strip_km), "visible": False}
    if not state.strip or inputs.strips is None:
        trace["geojson"] = {"type": "FeatureCollection", "features": []}
        return trace
    rows = inputs.strips.of(state.strip_km, "country")
    return {**trace, "geojson": inputs.strip_url or inputs.strips.collections[state.strip_km, "country"],
            "locations": rows["strip_id"].tolist(), "z": np.ones(len(rows), dtype="int8"),
            "hovertext": strip_hover(rows, inputs.catalog.countries, lang), "visible": True}


def strip_key(state: ViewState) -> str:
    """What the drawn strip trace depends on (kept in the page's record of what it drew)."""
    return f"{int(state.strip)}:{state.strip_km}:{state.lang}" if state.strip else "off"


# ---- the figure and its updates ------------------------------------------------------------------------

def dynamic_traces(inputs: CorridorMapInputs, window: Window) -> list[dict]:
    view, lang = inputs.view, inputs.state.lang
    casing, dashed, hover, dots = proposed_traces(view, inputs.catalog.countries, lang)
    known_lines, known_places = known_traces(view, lang)
    return [crossborder_trace(view, lang), known_lines, casing, dashed, hover, dots, known_places,
            label_traces(view, lang, window), *selection_traces(view, lang)]


def static_trace(inputs: CorridorMapInputs) -> dict:
    return country_trace(inputs.layers, inputs.catalog.countries, inputs.view.countries, inputs.state.lang,
                         True, inputs.countries_url)


def corridor_figure(inputs: CorridorMapInputs) -> dict:
    """The whole figure as a plotly dict (numpy arrays base64-encoded)."""
    window = inputs.window
    traces = [static_trace(inputs), strip_trace(inputs), *dynamic_traces(inputs, window)]
    for trace in traces:
        trace["showlegend"] = False
    layout = {
        "template": theme.TEMPLATE.to_plotly_json(), "geo": corridor_geo(inputs.state, window),
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "showlegend": False, "dragmode": "pan",
        "hovermode": "closest", "uirevision": "corridors", "clickmode": "event",
        "hoverlabel": {"namelength": 0},
    }
    return {"data": [encoded(trace) for trace in traces], "layout": layout}


def strip_updates(inputs: CorridorMapInputs, drawn_strip: str | None) -> dict[tuple, object]:
    """The border strip trace if it was drawn for another width, visibility or language."""
    if strip_key(inputs.state) == drawn_strip:
        return {}
    trace = strip_trace(inputs)
    trace["showlegend"] = False
    return {("data", TRACE_INDEX["border_strip"]): encoded(trace)}


def corridor_updates(inputs: CorridorMapInputs, drawn_revision: str, drawn_countries: tuple[str, ...],
                     drawn_strip: str | None = None) -> dict[tuple, object]:
    """What to change in a drawn figure: every dynamic trace, the countries' highlight if the country
    filter changed, the border strip if it changed (drawn_strip: strip_key of the drawn state), the view
    if the window moved ({path: value} for a dash.Patch)."""
    window = inputs.window
    updates: dict[tuple, object] = strip_updates(inputs, drawn_strip)
    for name, trace in zip(DYNAMIC_TRACES, dynamic_traces(inputs, window)):
        trace["showlegend"] = False
        updates[("data", TRACE_INDEX[name])] = encoded(trace)
    if tuple(inputs.view.countries) != tuple(drawn_countries):
        updates[("data", 0, "z")] = encoded({"z": np.isin(list(inputs.layers.country_ids),
                                                          inputs.view.countries).astype("int8")})["z"]
    revision = viewport_revision(inputs.state, window)
    if revision != drawn_revision:
        updates[("layout", "geo")] = corridor_geo(inputs.state, window)
    else:
        updates[("layout", "geo", "uirevision")] = revision
    return updates
