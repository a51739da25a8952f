"""Read-only API of the corridors, beside dashboard/api.py's routes under /api/v1/ and in its style.

    GET /api/v1/corridors?ckm=100&countries=RUS&...   the ranked corridors table (format=json, csv
                                                       or geojson); the filters and parameters are the
                                                       page's URL keys (ViewState), read the same way
    GET /api/v1/corridors.geojson?...                  the same as GeoJSON (RFC 7946)
    GET /api/v1/place-borders?countries=BLR&format=csv every place's distance to the nearest land
                                                       border of its country and the country across

Register with `register_corridor_api(app.server)` (a second call does nothing).
"""

from __future__ import annotations

from collections.abc import Callable

import flask
import pandas as pd

from dashboard.api import API_PREFIX, _error, _table_response
from dashboard.state import ViewState

BLUEPRINT = "borderlinks_api_v1_corridors"
FORMATS = ("json", "csv", "geojson")


def default_sources():
    from dashboard.store.catalog import load_catalog
    from dashboard.store.corridors import load_corridor_store
    return load_catalog(), load_corridor_store()


def place_borders_table(catalog, store, state: ViewState) -> pd.DataFrame:
    """place_id, name_en, name_ru, iso3, border_km, across_iso3 of the places in the state's countries
    (all places without a country filter), nearest the border first."""
    from dashboard.store import queries

    places = catalog.places[["place_id", "name_en", "name_ru", "iso3", "population"]]
    table = places.merge(store.place_borders[["place_id", "border_km", "across_iso3"]], on="place_id", how="left")
    countries = queries.selected_countries(catalog.memberships, state)
    if state.countries or state.blocs:
        table = table[table["iso3"].isin(countries)]
    return table.sort_values(["border_km", "place_id"], na_position="last", ignore_index=True)


def register_corridor_api(server: flask.Flask, sources: Callable[[], tuple] = default_sources) -> None:
    """Add the corridor routes to `server` (the Dash app's Flask server)."""
    if BLUEPRINT in server.blueprints:
        return
    blueprint = flask.Blueprint(BLUEPRINT, __name__, url_prefix=API_PREFIX)

    def loaded():
        try:
            return sources(), None
        except Exception as exc:  # no store yet, or one built before the corridor tables existed
            return None, _error(503, f"The data store is not available ({exc}). "
                                     "Build it with `python -m dashboard build`.")

    def request_state(default_format: str = "json") -> tuple[ViewState, str | None]:
        fmt = flask.request.args.get("format", default_format).strip().lower()
        state = ViewState.from_query(flask.request.query_string.decode("utf-8", "replace"))
        return state, fmt if fmt in FORMATS else None

    def corridors_response(default_format: str):
        from dashboard.store.corridor_views import corridor_geojson, corridor_table, corridor_view

        state, fmt = request_state(default_format)
        if fmt is None:
            return _error(400, f"format must be one of {', '.join(FORMATS)}")
        data, error = loaded()
        if error:
            return error
        catalog, store = data
        view = corridor_view(catalog, store, state)
        if fmt == "geojson":
            response = flask.jsonify(corridor_geojson(view, catalog, state.lang))
            response.mimetype = "application/geo+json"
            return response
        meta = {"filters": state.to_query().lstrip("?"), "countries": list(view.countries),
                "matching_pairs": view.proposal.matching, "corridors_total": len(view.proposal.corridors)}
        return _table_response(corridor_table(view, catalog, state.lang), fmt, "corridors", meta)

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
            return _error(400, "format must be one of json, csv")
        data, error = loaded()
        if error:
            return error
        catalog, store = data
        return _table_response(place_borders_table(catalog, store, state), fmt, "place_borders",
                               {"filters": state.to_query().lstrip("?")})

    server.register_blueprint(blueprint)
