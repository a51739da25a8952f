"""What the map's click-to-highlight needs in the browser (assets/map_highlight.js draws the clicked
city's links and partners at once, before the server's answer): the indices of the traces that hold the
drawn city links and of the selection trace, and, when the map draws summed flows instead of city arcs,
the view's city links as two-point segments (a, b, NaN; float32, base64: ~30 kB for the default view).
With city arcs drawn the browser reads their segments from the figure itself, so nothing more is sent.
Pure: no Dash, no I/O.
"""

from __future__ import annotations

import base64

import numpy as np

from dashboard.figures.map import TRACE_INDEX
from dashboard.figures.map_flows import shows_city_links
from dashboard.figures.map_network import INACTIVE_LINK_TRACES
from dashboard.figures.map_style import segments
from dashboard.state import ViewState
from dashboard.store import queries

LINK_TRACES = ("links", "neighbour_links", *INACTIVE_LINK_TRACES)


def _base64(values: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(values, dtype="float32").tobytes()).decode("ascii")


def highlight_inputs(view: queries.FilteredView, state: ViewState) -> dict:
    """{"links": [trace indices], "selection": index, "segments": None or {"lon": b64, "lat": b64}}."""
    record = {"links": [TRACE_INDEX[name] for name in LINK_TRACES], "selection": TRACE_INDEX["selection_places"],
              "segments": None}
    if "links" in state.layers and shows_city_links(state):
        return record
    links = view.links
    lon, lat = segments(links["lon_a"].to_numpy(), links["lat_a"].to_numpy(),
                        links["lon_b"].to_numpy(), links["lat_b"].to_numpy())
    record["segments"] = {"lon": _base64(lon), "lat": _base64(lat)}
    return record
