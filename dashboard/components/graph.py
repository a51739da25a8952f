"""The one place that configures dcc.Graph for this product (offline base maps, no plotly logo), and patches
of drawn figures."""

from __future__ import annotations

import dash


def graph_config(**overrides) -> dict:
    """The `config` of every dcc.Graph; keyword arguments add to or override the defaults.

    `topojsonURL` points plotly's geo traces at the topojson vendored under assets/topojson/ (see
    scripts/vendor_topojson.py), so maps draw without internet. Call it inside a layout function or
    callback (after the app exists), as it asks Dash for the assets URL.
    """
    config = {
        "topojsonURL": dash.get_asset_url("topojson/"),
        "displaylogo": False,
        "showSendToCloud": False,  # plotly.js 4 defaults to an upload button; this is an offline app
        "showEditInChartStudio": False,
        "plotlyServerURL": "",
        "responsive": True,
        "scrollZoom": True,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "toggleHover"],
        "toImageButtonOptions": {"format": "png", "filename": "borderlinks", "scale": 2},
    }
    config.update(overrides)
    return config


def as_patch(updates: dict[tuple, object]) -> dash.Patch:
    """A dash.Patch setting each path of `updates` ({("data", 3): trace, ("layout", "geo"): {...}}) to its value:
    how the map pages change a drawn figure without sending it again."""
    patch = dash.Patch()
    for path, value in updates.items():
        target = patch
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return patch
