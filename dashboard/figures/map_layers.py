"""The map's static layers as plotly traces: countries (the selection outlined), border regions and
disputed areas (outlined, hatched, with a hover note). Geometry comes from dashboard.store.layers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.figures import theme
from dashboard.figures.map_style import memoized, rgba
from dashboard.i18n import t
from dashboard.store import queries
from dashboard.store.layers import MapLayers


def country_trace(layers: MapLayers, countries: pd.DataFrame, selected: tuple[str, ...], lang: str,
                  visible: bool, geojson: dict | str | None = None) -> dict:
    names = queries.country_names(countries, lang)
    ids = list(layers.country_ids)
    return {
        "type": "choropleth", "geojson": geojson or layers.countries, "locations": ids,
        "z": country_selection_z(layers, selected), "zmin": 0, "zmax": 1,
        "colorscale": [[0, theme.LAND], [1, theme.LAND_SELECTED]], "showscale": False,
        "marker": {"line": country_outline(layers, selected)},
        "hovertext": [str(names.get(iso3, iso3)) for iso3 in ids], "hoverinfo": "text",
        "name": t("map.legend.countries", lang), "visible": visible,
    }


def country_selection_z(layers: MapLayers, selected: tuple[str, ...]) -> np.ndarray:
    return np.isin(list(layers.country_ids), selected).astype("int8")


def country_outline(layers: MapLayers, selected: tuple[str, ...]) -> dict:
    """Borders: thin and neutral, the selected countries' in the accent colour."""
    chosen = np.isin(list(layers.country_ids), selected)
    if not chosen.any():
        return {"color": theme.BORDER, "width": 0.6}
    return {"color": [theme.BLUE if c else theme.BORDER for c in chosen],
            "width": np.where(chosen, 1.6, 0.6).astype("float32")}


def border_region_hover(layers: MapLayers, regions: pd.DataFrame, countries: pd.DataFrame,
                        lang: str) -> list[str]:
    """"<b>Region</b><br>On the land border with A, B" for each border region, in `lang`."""
    rows = regions.set_index("region_id").reindex(list(layers.border_region_ids))
    names = queries.localized(rows.reset_index(), lang).fillna("").to_numpy()
    country = queries.country_names(countries, lang)
    neighbours = rows["border_neighbours"].fillna("").to_numpy()
    return [
        f"<b>{name}</b><br>" + t("map.hover.on_border_with", lang, countries=", ".join(
            str(country.get(code, code)) for code in codes.split(",") if code))
        for name, codes in zip(names, neighbours)
    ]


def border_region_trace(layers: MapLayers, catalog, lang: str, visible: bool,
                        geojson: dict | str | None = None) -> dict:
    hover = memoized(catalog, ("border_region_hover", layers.border_region_ids, lang),
                     lambda: border_region_hover(layers, catalog.regions, catalog.countries, lang))
    return {
        "type": "choropleth", "geojson": geojson or layers.border_regions,
        "locations": list(layers.border_region_ids),
        "z": np.ones(len(layers.border_region_ids), dtype="int8"), "zmin": 0, "zmax": 1,
        "colorscale": [[0, rgba(theme.GREEN, 0.15)], [1, rgba(theme.GREEN, 0.15)]], "showscale": False,
        "marker": {"line": {"color": rgba(theme.GREEN, 0.4), "width": 0.4}},
        "hovertext": hover, "hoverinfo": "text", "name": t("map.legend.border_regions", lang),
        "visible": visible,
    }


def disputed_traces(layers: MapLayers, lang: str, visible: bool,
                    geojson: dict | str | None = None) -> list[dict]:
    rows = layers.disputed_rows
    hover = [f"<b>{name}</b><br>{note}" if note else f"<b>{name}</b>"
             for name, note in zip(rows["name"].fillna(""), rows["note"].fillna(""))]
    hover = [t("map.hover.disputed", lang) + "<br>" + text for text in hover]
    outline = {
        "type": "choropleth", "geojson": geojson or layers.disputed,
        "locations": [str(i) for i in rows["disputed_id"]],
        "z": np.ones(len(rows), dtype="int8"), "zmin": 0, "zmax": 1,
        "colorscale": [[0, rgba(theme.VERMILLION, 0.08)], [1, rgba(theme.VERMILLION, 0.08)]],
        "showscale": False, "marker": {"line": {"color": theme.VERMILLION, "width": 1.2}},
        "hovertext": hover, "hoverinfo": "text", "name": t("map.legend.disputed", lang),
        "visible": visible,
    }
    hatch = {
        "type": "scattergeo", "mode": "lines", "lon": layers.hatch_lon.astype("float32"),
        "lat": layers.hatch_lat.astype("float32"),
        "line": {"color": rgba(theme.VERMILLION, 0.7), "width": 0.8}, "hoverinfo": "skip",
        "name": t("map.legend.disputed", lang), "visible": visible,
    }
    return [outline, hatch]
