"""Read-only API of the corridors, beside web/api.py's routes under /api/v1/ and in its style.

    GET /api/v1/corridors?ckm=100&countries=RUS&...   the ranked corridors table (format=json, csv
                                                       or geojson); the filters and parameters are the
                                                       page's URL keys (ViewState), read the same way;
                                                       with the registry's activities of each corridor
                                                       (sample=1 counts the sample ones too)
    GET /api/v1/corridors.geojson?...                  the same as GeoJSON (RFC 7946)
    GET /api/v1/place-borders?countries=BLR&format=csv every place's distance to the nearest land
                                                       border of its country and the country across
    GET /api/v1/layers/border_strip.geojson?km=50      the land within km (25, 50 or 100) of each land
                                                       border, one feature per border and side (id
                                                       "RUS-CHN"; iso3, neighbour_iso3, width_km,
                                                       area_km2); by=country: one per country (id "RUS",
                                                       its neighbours comma-separated; what the corridors
                                                       map loads). Simplified for display like the other
                                                       layers (exterior rings clockwise, for d3)

Register with `register_corridor_api(app.server)` (a second call does nothing).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import flask
import pandas as pd

from dashboard import charts
from dashboard.charts import corridors as corridor_charts
from dashboard.registry.service import live_frames_or_none
from dashboard.state import STRIP_WIDTHS, ViewState
from dashboard.store import catalog as store_catalog
from dashboard.store import queries, spaces
from dashboard.store.corridors import load_corridor_store
from dashboard.store.layers import STRIP_GROUPINGS, strip_geojson_bytes
from dashboard.web.api_responses import (
    LAYER_CACHE_SECONDS,
    STORE_MISSING,
    error_response,
    refuse_invalid_filters,
    table_response,
)
from dashboard.web.urls import API_PREFIX

log = logging.getLogger(__name__)

BLUEPRINT = "borderlinks_api_v1_corridors"
FORMATS = ("json", "csv", "geojson")


def default_sources():
    return store_catalog.load_catalog(), load_corridor_store()  # looked up per call (tests replace it)


def default_strip_bytes(width_km: int, by: str) -> bytes:
    return strip_geojson_bytes(None, width_km, by)


def place_borders_table(catalog, store, state: ViewState) -> pd.DataFrame:
    """place_id, name_en/ru/zh, iso3, border_km, across_iso3 of the places in the state's countries
    (all places without a country filter) inside the state's space, nearest the border first."""
    places = catalog.places[["place_id", "name_en", "name_ru", "name_zh", "iso3", "population"]]
    table = places.merge(store.place_borders[["place_id", "border_km", "across_iso3"]], on="place_id", how="left")
    countries = queries.selected_countries(catalog.memberships, state)
    if state.countries or state.blocs:
        table = table[table["iso3"].isin(countries)]
    space = spaces.state_countries(catalog, state)
    if space is not None:  # the places of the space (space=world: all)
        table = table[table["iso3"].isin(space)]
    return table.sort_values(["border_km", "place_id"], na_position="last", ignore_index=True)


def register_corridor_api(server: flask.Flask, sources: Callable[[], tuple] = default_sources,
                          activity_frames: Callable[[object], object] = live_frames_or_none,
                          strip_bytes: Callable[[int, str], bytes] = default_strip_bytes) -> None:
    """Add the corridor routes to `server` (the Dash app's Flask server). `activity_frames(catalog)` gives
    the registry's frames (or None), `strip_bytes(width_km, by)` the border strip's GeoJSON."""
    if BLUEPRINT in server.blueprints:
        return
    blueprint = flask.Blueprint(BLUEPRINT, __name__, url_prefix=API_PREFIX)
    blueprint.before_request(refuse_invalid_filters(lambda: sources()[0]))

    def loaded():
        try:
            return sources(), None
        except Exception as exc:  # no store yet, or one built before the corridor tables existed: a 503
            log.warning("%s: the data store is not available: %s", flask.request.path, exc)
            return None, error_response(503, f"The data store is not available ({exc}). {STORE_MISSING}")

    def request_state(default_format: str = "json") -> tuple[ViewState, str | None]:
        fmt = flask.request.args.get("format", default_format).strip().lower()
        state = ViewState.from_query(flask.request.query_string.decode("utf-8", "replace"))
        return state, fmt if fmt in FORMATS else None

    def corridors_response(default_format: str):
        state, fmt = request_state(default_format)
        if fmt is None:
            return error_response(400, f"format must be one of {', '.join(FORMATS)}")
        data, error = loaded()
        if error:
            return error
        catalog, store = data
        view = corridor_charts.view_of(catalog, store, activity_frames(catalog), state)
        request = charts.Request(catalog, state)
        if fmt == "geojson":
            response = flask.jsonify(corridor_charts.CORRIDORS_TABLE.features(request, view))
            response.mimetype = "application/geo+json"
            return response
        table, meta = corridor_charts.CORRIDORS_TABLE.rows(request, view)
        return table_response(table, fmt, "corridors", {"filters": state.to_query().lstrip("?"), **meta})

    @blueprint.get("/corridors")
    def corridors():
        return corridors_response("json")

    @blueprint.get("/corridors.geojson")
    def corridors_geojson():
        return corridors_response("geojson")

    @blueprint.get("/place-borders")
    def place_borders():
        state, fmt = request_state()
        if fmt not in ("json", "csv"):
            return error_response(400, "format must be one of json, csv")
        data, error = loaded()
        if error:
            return error
        catalog, store = data
        return table_response(place_borders_table(catalog, store, state), fmt, "place_borders",
                               {"filters": state.to_query().lstrip("?")})

    @blueprint.get("/layers/border_strip.geojson")
    def border_strip():
        km = flask.request.args.get("km", "50").strip()
        by = flask.request.args.get("by", "side").strip().lower()
        if not km.isdigit() or int(km) not in STRIP_WIDTHS:
            return error_response(400, f"km must be one of {', '.join(map(str, STRIP_WIDTHS))}")
        if by not in STRIP_GROUPINGS:
            return error_response(400, f"by must be one of {', '.join(STRIP_GROUPINGS)}")
        try:
            body = strip_bytes(int(km), by)
        except Exception as exc:  # no store or no land borders: the client gets a 503 saying why
            log.warning("%s: the border strip is not available: %s", flask.request.path, exc)
            return error_response(503, f"The border strip is not available ({exc}). "
                               "Build the store with `python -m dashboard build`.")
        response = flask.Response(body, mimetype="application/geo+json")
        response.headers["Cache-Control"] = f"public, max-age={LAYER_CACHE_SECONDS}"
        return response

    server.register_blueprint(blueprint)
