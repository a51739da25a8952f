"""Where the browser loads geographic layers from: the API's cached URLs, versioned by the store's build.

    charts.Request(catalog, state, layer_url=layer_url_for(catalog))

A presenter given this function puts URLs in its figure (the browser loads each layer once and caches it);
without it the geometry is embedded (files, briefs).
"""

from __future__ import annotations

import dash

from dashboard.web.urls import layer_path, strip_path


def store_version(catalog) -> str:
    return "".join(ch for ch in str(getattr(catalog, "built_at", "")) if ch.isalnum())


def layer_url_for(catalog):
    """(layer name, pov) -> the URL (under the app's root) of that layer's GeoJSON; "border_strip_<km>" names
    the border strip of that width."""
    version = store_version(catalog)

    def url(name: str, pov: str) -> str:
        if name.startswith("border_strip_"):
            return dash.get_relative_path(strip_path(int(name.rsplit("_", 1)[1]), version))
        return dash.get_relative_path(layer_path(name, pov, version))
    return url
