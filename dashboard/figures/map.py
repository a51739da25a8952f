"""The twinning map: pure functions of (catalogue, layers, filtered view, state) -> plotly figure parts.

The figure has a fixed list of traces (TRACES), one per visual class, each a single trace with
NaN-separated numpy arrays (sent base64-encoded). The first four are static (countries, border
regions, disputed areas and their hatching): sent once with the page and kept. The others are
rebuilt when the filter changes, and the selection traces when the chosen city changes:
`map_updates(...)` returns only the parts that differ from what is drawn, as {path: value} for a
`dash.Patch`. No Dash here. The traces are built in map_layers (static), map_network (network,
selection) and map_view (where the map looks).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from dashboard.figures import theme
from dashboard.figures.map_flows import FLOW_TRACES, flow_traces, shows_city_links
from dashboard.figures.map_layers import (
    border_region_trace,
    country_outline,
    country_selection_z,
    country_trace,
    disputed_traces,
)
from dashboard.figures.map_network import (
    INACTIVE_LINK_TRACES,
    LINK_HOVER_LIMIT,
    MAX_PLACE_MARKERS,
    label_trace,
    link_alpha,
    link_traces,
    marker_sizes,
    place_label_trace,
    place_traces,
    selection_traces,
)
from dashboard.figures.map_style import encoded, format_count, format_share, memoized, rgba, segments
from dashboard.figures.map_view import VIEWPORT_WINDOWS, geo_layout, viewport_revision, viewport_window, zoomed_window
from dashboard.memo import VersionedMemo
from dashboard.state import ViewState
from dashboard.store import queries
from dashboard.store.layers import MapLayers
from geo.viewport import Window

# the trace builders and helpers other figures reuse, importable from here as before the split
__all__ = ["TRACES", "TRACE_INDEX", "MapInputs", "map_inputs", "map_figure", "map_updates", "cached_map_updates",
           "label_updates",
           "VIEWPORT_WINDOWS", "Window", "country_trace", "encoded", "format_count", "format_share",
           "geo_layout", "label_trace", "link_alpha", "marker_sizes", "rgba", "segments", "viewport_revision",
           "zoomed_window", "LINK_HOVER_LIMIT", "MAX_PLACE_MARKERS"]

TRACES = ("countries", "border_regions", "disputed", "disputed_hatch", *FLOW_TRACES,
          "links", "neighbour_links", *INACTIVE_LINK_TRACES, "link_hover", "other_places", "places", "place_labels",
          "selection_links", "selection_places", "selection_labels")
TRACE_INDEX = {name: i for i, name in enumerate(TRACES)}
STATIC_TRACES = TRACES[:4]
FILTER_TRACES = (*FLOW_TRACES, "links", "neighbour_links", *INACTIVE_LINK_TRACES, "link_hover", "other_places",
                 "places", "place_labels")
SELECTION_TRACES = ("selection_links", "selection_places", "selection_labels")
#: the layer (ViewState.layers) that shows each trace; selection traces always show
TRACE_LAYER = {"countries": "countries", "border_regions": "border_regions", "disputed": "disputed",
               "disputed_hatch": "disputed", **dict.fromkeys(FLOW_TRACES, "links"), "links": "links",
               "neighbour_links": "links", **dict.fromkeys(INACTIVE_LINK_TRACES, "links"),
               "link_hover": "links", "other_places": "places", "places": "places",
               "place_labels": "places"}

DIMMED_OPACITY = 0.18


@dataclass(frozen=True)
class MapInputs:
    """Everything the figure is drawn from: the catalogue, its display layers, the filtered view,
    the state, the selected city with its partners (None when there is none), and optionally the
    URLs the browser loads the static layers' GeoJSON from ({"countries": url, "border_regions": ...,
    "disputed": ...}; without them the GeoJSON is embedded in the figure)."""

    catalog: object
    layers: MapLayers
    view: queries.FilteredView
    state: ViewState
    selected: pd.Series | None = None
    partners: pd.DataFrame | None = None
    geojson_urls: dict | None = None

    @property
    def window(self) -> Window:
        return viewport_window(self.state, self.view, self.partners, self.selected)


def selection_of(catalog, view: queries.FilteredView, state: ViewState
                 ) -> tuple[pd.Series | None, pd.DataFrame | None]:
    selected = queries.place_row(catalog, state.place)
    if selected is None:
        return None, None
    return selected, queries.partners_of(catalog, int(selected["place_id"]), view.links)


def map_inputs(catalog, layers: MapLayers, state: ViewState, geojson_urls: dict | None = None) -> MapInputs:
    view = queries.filtered_view(catalog, state)
    selected, partners = selection_of(catalog, view, state)
    return MapInputs(catalog, layers, view, state, selected, partners, geojson_urls)


def static_traces(inputs: MapInputs) -> list[dict]:
    state, layers, catalog = inputs.state, inputs.layers, inputs.catalog
    urls = inputs.geojson_urls or {}
    return [country_trace(layers, catalog.countries, inputs.view.countries, state.lang,
                          "countries" in state.layers, urls.get("countries")),
            border_region_trace(layers, catalog, state.lang, "border_regions" in state.layers,
                                urls.get("border_regions")),
            *disputed_traces(layers, state.lang, "disputed" in state.layers, urls.get("disputed"))]


def filter_traces(inputs: MapInputs, window: Window) -> list[dict]:
    state, view = inputs.state, inputs.view
    places = queries.network(inputs.catalog).places
    names = memoized(inputs.catalog, ("place_names", state.lang),
                     lambda: queries.localized(places, state.lang).fillna("").to_numpy())
    arcs = view if shows_city_links(state) else replace(view, links=view.links.iloc[0:0])
    return [*flow_traces(inputs.catalog, view, state, "links" in state.layers),
            *link_traces(arcs, names, state.lang, "links" in state.layers),
            *place_traces(view, inputs.catalog, state.lang, state.size_by, "places" in state.layers),
            place_label_trace(view, state.lang, state.size_by, window, "places" in state.layers)]


def dimming(inputs: MapInputs) -> dict[str, float]:
    """Opacity of the filter traces: dimmed while a city is selected."""
    opacity = DIMMED_OPACITY if inputs.selected is not None else 1.0
    return {**dict.fromkeys(FLOW_TRACES, opacity), "links": opacity, "neighbour_links": opacity,
            **dict.fromkeys(INACTIVE_LINK_TRACES, opacity), "link_hover": 1.0,
            "other_places": max(opacity, 0.35), "places": max(opacity, 0.35),
            "place_labels": 0.0 if inputs.selected is not None else 1.0}


def map_figure(inputs: MapInputs) -> dict:
    """The whole figure as a plotly dict (numpy arrays base64-encoded)."""
    window = inputs.window
    traces = [*static_traces(inputs), *filter_traces(inputs, window),
              *selection_traces(inputs.selected, inputs.partners, inputs.state.lang, window)]
    opacity = dimming(inputs)
    for name, trace in zip(TRACES, traces):
        trace["showlegend"] = False
        if name in opacity:
            trace["opacity"] = opacity[name]
    layout = {
        "template": theme.TEMPLATE.to_plotly_json(), "geo": geo_layout(inputs.state, window),
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "showlegend": False, "dragmode": "pan",
        "hovermode": "closest", "uirevision": "map", "clickmode": "event",
        "hoverlabel": {"namelength": 0},
        "paper_bgcolor": theme.SEA,  # the bands beside a fixed-shape map read as more sea, not as a gap
    }
    return {"data": [encoded(trace) for trace in traces], "layout": layout}


def map_updates(inputs: MapInputs, drawn: ViewState, drawn_revision: str) -> dict[tuple, object]:
    """What to change in a figure drawn for `drawn` (with geo uirevision `drawn_revision`) to show
    `inputs.state`: {path: value}, paths being tuples of keys like ("data", 4, "opacity").

    The static layers' geometry is re-sent only when the point of view changes; a new city selection
    touches the selection traces and the opacities only.
    """
    state = inputs.state
    window = inputs.window
    filter_changed = queries.filter_key(state) != queries.filter_key(drawn)
    lang_changed = state.lang != drawn.lang
    layers_changed = state.layers != drawn.layers
    window_changed = viewport_revision(state, window) != drawn_revision
    network_changed = (filter_changed or lang_changed or layers_changed or window_changed
                       or state.size_by != drawn.size_by or state.cities != drawn.cities)
    updates: dict[tuple, object] = {}

    if state.pov != drawn.pov or lang_changed or layers_changed:
        for name, trace in zip(STATIC_TRACES, static_traces(inputs)):
            if name == "countries" and state.pov != drawn.pov:
                trace["showlegend"] = False
                updates[("data", TRACE_INDEX[name])] = encoded(trace)
            else:
                for key in ("hovertext", "visible"):
                    updates[("data", TRACE_INDEX[name], key)] = trace.get(key)
    if filter_changed and ("data", TRACE_INDEX["countries"]) not in updates:
        updates[("data", TRACE_INDEX["countries"], "z")] = encoded(
            {"z": country_selection_z(inputs.layers, inputs.view.countries)})["z"]
        updates[("data", TRACE_INDEX["countries"], "marker")] = encoded(
            {"line": country_outline(inputs.layers, inputs.view.countries)})

    opacity = dimming(inputs)
    if network_changed:
        for name, trace in zip(FILTER_TRACES, filter_traces(inputs, window)):
            trace["showlegend"] = False
            trace["opacity"] = opacity[name]
            updates[("data", TRACE_INDEX[name])] = encoded(trace)
    if network_changed or state.place != drawn.place:
        for name, trace in zip(SELECTION_TRACES,
                               selection_traces(inputs.selected, inputs.partners, state.lang, window)):
            trace["showlegend"] = False
            updates[("data", TRACE_INDEX[name])] = encoded(trace)
        for name, value in opacity.items():
            updates.setdefault(("data", TRACE_INDEX[name], "opacity"), value)
    if window_changed:
        updates[("layout", "geo")] = geo_layout(state, window)
    return updates


_updates = VersionedMemo(maxsize=32)


def cached_map_updates(inputs: MapInputs, drawn: ViewState, drawn_revision: str) -> dict[tuple, object]:
    """map_updates(...), kept per catalogue version and (state shown, state drawn, drawn revision, layer
    URLs): going back to a view, or many visitors moving between the same views, costs no figure build.
    The value is shared: read it, never change it."""
    key = (inputs.state.to_query(), drawn.to_query(), drawn_revision,
           tuple(sorted((inputs.geojson_urls or {}).items())))
    return _updates.get(inputs.catalog, key, lambda: map_updates(inputs, drawn, drawn_revision))


def label_updates(inputs: MapInputs, window: Window) -> dict[tuple, object]:
    """New place and selection labels for a window the user zoomed to."""
    state = inputs.state
    labels = place_label_trace(inputs.view, state.lang, state.size_by, window, "places" in state.layers)
    labels["opacity"] = dimming(inputs)["place_labels"]
    labels["showlegend"] = False
    selection = selection_traces(inputs.selected, inputs.partners, state.lang, window)[2]
    selection["showlegend"] = False
    return {("data", TRACE_INDEX["place_labels"]): encoded(labels),
            ("data", TRACE_INDEX["selection_labels"]): encoded(selection)}
