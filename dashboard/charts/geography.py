"""The country polygons a chart draws: by URL on a page (the browser loads and caches them), embedded in a file."""

from __future__ import annotations

from dashboard import settings
from dashboard.charts.presenter import Request
from dashboard.store.layers import LAYER_NAMES, load_map_layers


def countries_layer(request: Request):
    """The URL of the countries' GeoJSON when the request has a `layer_url`, else the GeoJSON itself."""
    if request.layer_url is not None:
        return request.layer_url("countries", request.state.pov)
    return load_map_layers(settings.database_url(), request.state.pov).countries


def layer_urls(request: Request) -> dict[str, str] | None:
    """Every display layer's URL (None: embed them)."""
    if request.layer_url is None:
        return None
    return {name: request.layer_url(name, request.state.pov) for name in LAYER_NAMES}
