"""The corridors map (known corridors, cross-border regions, proposed corridors, the border strip) and the
corridors table (CSV, XLSX, and the geometry as GeoJSON). Both read one query: the CorridorMapInputs."""

from __future__ import annotations

import json
import logging

import pandas as pd

from dashboard import settings
from dashboard.charts.presenter import (
    MAP_LAYER_FORMATS,
    NETWORK,
    TABLE_FORMATS,
    ChartUnavailable,
    Presenter,
    Request,
    register,
)
from dashboard.figures import corridors as corridor_figures
from dashboard.i18n import t
from dashboard.registry.service import live_frames_or_none
from dashboard.registry.views import corridor_activities
from dashboard.state import ViewState
from dashboard.store.corridor_views import CorridorView, corridor_geojson, corridor_table, corridor_view
from dashboard.store.corridors import load_corridor_store
from dashboard.store.layers import BorderStrips, load_border_strips, load_map_layers

log = logging.getLogger(__name__)

DATASETS = (*NETWORK, "corridors", "registry")
LEGEND = ("corridors.legend.crossborder", "corridors.legend.known", "corridors.legend.proposed",
          "corridors.legend.cities")


def border_strips(state: ViewState) -> BorderStrips | None:
    """The border strips when the state shows them (computed on first use), else None."""
    if not state.strip:
        return None
    try:
        return load_border_strips(settings.database_url())
    except Exception:  # a store without land borders: the layer stays empty, the rest of the map draws
        log.exception("the border strips cannot be computed; rebuild with `python -m dashboard build`")
        return None


def view_of(catalog, store, frames, state: ViewState) -> CorridorView:
    """The corridors in view, with the registry's activities of each when `frames` (the registry) is given."""
    return corridor_view(catalog, store, state, corridor_activities(frames, catalog, state) if frames else None)


def table_query(request: Request) -> CorridorView:
    """The corridors in view; ChartUnavailable when the store has no corridor tables."""
    try:
        store = load_corridor_store()
    except Exception as error:  # no store, or one built before the corridor tables existed
        log.exception("the corridor tables cannot be read; rebuild with `python -m dashboard build`")
        raise ChartUnavailable("the corridor tables are not built") from error
    return view_of(request.catalog, store, live_frames_or_none(request.catalog), request.state)


def corridors_query(request: Request) -> corridor_figures.CorridorMapInputs:
    """The map's inputs: the corridors in view, the countries and the border strips."""
    catalog, state = request.catalog, request.state
    view = table_query(request)
    strips = border_strips(state)
    url = request.layer_url
    return corridor_figures.CorridorMapInputs(
        view, catalog, load_map_layers(settings.database_url(), state.pov),
        url("countries", state.pov) if url else None, strips=strips,
        strip_url=url(f"border_strip_{state.strip_km}", state.pov) if url else None)


def _strip_legend(state: ViewState) -> tuple[str, ...]:
    return (t("corridors.legend.strip", state.lang, km=state.strip_km),) if state.strip else ()


CORRIDORS_MAP = register(Presenter(
    id="corridors-map", title_key="page.corridors", query=corridors_query,
    build=lambda inputs, state, lang: corridor_figures.corridor_figure(inputs),
    datasets=DATASETS, legend_keys=LEGEND, legend_of=_strip_legend))


def table_records(table: pd.DataFrame, lang: str) -> list[dict]:
    """The grid's rows: the table with its kind in words."""
    table = table.assign(kind_label=[t(f"corridors.kind.{kind}", lang) for kind in table["kind"]])
    return json.loads(table.to_json(orient="records", force_ascii=False))


def corridors_table(view: CorridorView, request: Request) -> tuple[pd.DataFrame, dict]:
    table = corridor_table(view, request.catalog, request.lang)
    return table, {"countries": list(view.countries), "matching_pairs": view.proposal.matching,
                   "corridors_total": len(view.proposal.corridors),
                   "includes_sample_data": bool(table["activities_sample"].fillna(0).gt(0).any())}


def corridors_geojson(view: CorridorView, request: Request) -> dict:
    return corridor_geojson(view, request.catalog, request.lang)


CORRIDORS_TABLE = register(Presenter(
    id="corridors-table", title_key="corridors.table.title", query=table_query, table=corridors_table,
    geojson=corridors_geojson, datasets=DATASETS, formats=TABLE_FORMATS + MAP_LAYER_FORMATS))
