"""Read-only JSON/CSV API under /api/v1/, with the same filters as the UI (the ViewState query keys).

    GET /api/v1/summary                      counts and match rates of the store (JSON)
    GET /api/v1/twinnings?countries=BLR&...  the twinnings in view; format=json (default) or csv. Each
                                             with its life: origin, signed (YYYY[-MM[-DD]]) and
                                             signed_precision, status, status_changed, status_source;
                                             status=active (default), inactive, suspended, ended or all;
                                             since=YYYY[-MM[-DD]] keeps ties surely signed since then
    GET /api/v1/places?countries=BLR&...     the places passing the filters; format=json or csv
    GET /api/v1/activities?from=2023&...     activities of the registry in view (sample=1 adds samples)
    GET /api/v1/monitoring?status=dormant    twinnings in view with last activity and status (as_of=)
    GET /api/v1/layers/<name>.geojson?pov=   the map's display layers (countries, border_regions,
                                             disputed) as GeoJSON; the map page loads them from here
                                             (layers/border_strip.geojson: see web/corridors_api.py)
    GET /api/v1/network/<figure>?...         the network page's figures for the same filters: matrix, pairs,
                                             cities, shares, lengths, nearest, communities (top=, by=);
                                             format=json (default) or csv
    GET /api/v1/countries/<ISO3>?lang=       a country's profile (JSON)
    GET /api/v1/places/<place_id>?lang=      a city's profile (JSON)

Every list route answers to the space (`space`, `on`: dashboard.store.spaces) as the UI does: without
`space` the default space; `space=world` gives every country.

Filters are the page URL's keys (`ViewState.from_query`), so a map link's query string works here
unchanged; other keys are ignored. A filter value outside its allowed set (an unknown country or region,
a population out of range, ...) is refused with 400 and the reason, never passed on to a query. Register
the routes on the Dash app's Flask server with `register_api(app.server)`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

import flask
import pandas as pd

from dashboard import charts
from dashboard.registry.monitoring import STATUSES
from dashboard.registry.tables import activities_payload, monitoring_payload
from dashboard.state import POVS, ViewState
from dashboard.store import catalog as store_catalog
from dashboard.store import network, queries, spaces
from dashboard.store.layers import layer_geojson_bytes
from dashboard.web.api_responses import (
    LAYER_CACHE_SECONDS,
    STORE_MISSING,
    error_response,
    refuse_invalid_filters,
    table_response,
)
from dashboard.web.urls import API_PREFIX

log = logging.getLogger(__name__)

FORMATS = ("json", "csv")
BLUEPRINT = "borderlinks_api_v1"


def default_catalog():
    return store_catalog.load_catalog()  # looked up per call: tests put a fake catalogue in its place


def default_layer_bytes(pov: str, name: str) -> bytes:
    return layer_geojson_bytes(None, pov, name)


def summary_of(catalog) -> dict:
    """Counts of the loaded tables and the match rates recorded by the build."""
    info = dict(catalog.info or {})
    wikidata, matched = info.get("wikidata_links"), info.get("wikidata_links_matched")
    return {
        "built_at": info.get("built_at"),
        "counts": {"countries": len(catalog.countries), "regions": len(catalog.regions),
                   "border_regions": int(catalog.regions["on_land_border"].sum()),
                   "places": len(catalog.places),
                   "places_with_twins": int((catalog.places["partners"] > 0).sum()),
                   "twinnings": len(catalog.twinnings), "memberships": len(catalog.memberships),
                   **{f"store_{k}": v for k, v in (info.get("counts") or {}).items()}},
        "match_rates": {
            "wikipedia_pairs": info.get("wikipedia_pairs"),
            "wikipedia_pairs_matched": info.get("wikipedia_pairs_matched"),
            "wikipedia_matched_pct": info.get("wikipedia_matched_pct"),
            "wikipedia_matched_inside_pct": info.get("wikipedia_matched_inside_pct"),
            "wikidata_links": wikidata,
            "wikidata_links_matched": matched,
            "wikidata_matched_pct": round(100.0 * matched / wikidata, 2) if wikidata and matched is not None
            else None,
            "twinnings_in_both_sources": info.get("twinnings_in_both_sources"),
        },
        "places_by_origin": info.get("places_by_origin"),
        "focus_countries": info.get("focus_countries"),
    }


def space_meta(state: ViewState) -> dict:
    """The space a response answers to: its text ('world' or blocs and countries) and day."""
    return {"space": spaces.resolved(state.space), "on": (state.on or dt.date.today()).isoformat()}


def places_table(catalog, view: queries.FilteredView, lang: str) -> pd.DataFrame:
    places = queries.network(catalog).places
    chosen = places[view.place_in]
    return pd.DataFrame({
        "place_id": chosen["place_id"].to_numpy(), "name": queries.localized(chosen, lang).to_numpy(),
        "name_en": chosen["name_en"].to_numpy(), "name_ru": chosen["name_ru"].to_numpy(),
        "name_zh": chosen["name_zh"].to_numpy(),
        "iso3": chosen["iso3"].to_numpy(), "region_id": chosen["region_id"].to_numpy(),
        "lat": chosen["lat"].to_numpy(), "lon": chosen["lon"].to_numpy(),
        "population": chosen["population"].to_numpy(), "partners": chosen["partners"].to_numpy(),
    })


def register_api(server: flask.Flask, catalog_source: Callable[[], object] = default_catalog,
                 layer_source: Callable[[str, str], bytes] = default_layer_bytes) -> None:
    """Add the /api/v1/ routes to `server` (the Dash app's Flask server); a second call does nothing."""
    if BLUEPRINT in server.blueprints:
        return
    blueprint = flask.Blueprint(BLUEPRINT, __name__, url_prefix=API_PREFIX)
    # /monitoring reads `status` as the monitoring status (dormant, fading, ...), not the ties' status
    blueprint.before_request(refuse_invalid_filters(catalog_source, own_keys={"monitoring": ("status",)}))

    def catalog_or_error():
        try:
            return catalog_source(), None
        except Exception as exc:  # no store yet, or an unreadable one: the client gets a 503 saying why
            log.warning("%s: the data store is not available: %s", flask.request.path, exc)
            return None, error_response(503, f"The data store is not available ({exc}). {STORE_MISSING}")

    def request_state() -> tuple[ViewState, str | None]:
        fmt = flask.request.args.get("format", "json").strip().lower()
        state = ViewState.from_query(flask.request.query_string.decode("utf-8", "replace"))
        return state, fmt if fmt in FORMATS else None

    @blueprint.get("/summary")
    def summary():
        catalog, error = catalog_or_error()
        return error or flask.jsonify(summary_of(catalog))

    def filtered_request():
        """(state, format, catalog, view) of a filtered table request, or (error response, ...)."""
        state, fmt = request_state()
        if fmt is None:
            return error_response(400, f"format must be one of {', '.join(FORMATS)}"), None, None, None
        catalog, error = catalog_or_error()
        if error:
            return error, None, None, None
        return state, fmt, catalog, queries.filtered_view(catalog, state)

    @blueprint.get("/twinnings")
    def twinnings():
        state, fmt, catalog, view = filtered_request()
        if view is None:
            return state
        meta = {"filters": state.to_query().lstrip("?"), **space_meta(state),
                "countries": list(view.countries), "kpis": view.kpis}
        return table_response(queries.twinnings_table(catalog, view, state.lang), fmt, "twinnings", meta)

    @blueprint.get("/places")
    def places():
        state, fmt, catalog, view = filtered_request()
        if view is None:
            return state
        meta = {"filters": state.to_query().lstrip("?"), **space_meta(state), "countries": list(view.countries)}
        return table_response(places_table(catalog, view, state.lang), fmt, "places", meta)

    @blueprint.get("/layers/<name>.geojson")
    def layer(name: str):
        pov = flask.request.args.get("pov", "default")
        if pov not in POVS:
            return error_response(400, f"pov must be one of {', '.join(POVS)}")
        try:
            body = layer_source(pov, name)
        except KeyError:
            return error_response(404, f"no layer {name!r}: countries, border_regions or disputed")
        except Exception as exc:  # no store yet, or an unreadable one: the client gets a 503 saying why
            log.warning("%s: the data store is not available: %s", flask.request.path, exc)
            return error_response(503, f"The data store is not available ({exc}). {STORE_MISSING}")
        response = flask.Response(body, mimetype="application/geo+json")
        response.headers["Cache-Control"] = f"public, max-age={LAYER_CACHE_SECONDS}"
        return response

    # ---- network analytics (their dashboard.charts presenters) and profiles (dashboard.store.network) -----
    @blueprint.get("/network/<figure>")
    def network_figure(figure: str):
        state, fmt = request_state()
        if fmt is None:
            return error_response(400, f"format must be one of {', '.join(FORMATS)}")
        try:
            presenter = charts.by_api_name(figure)
        except charts.UnknownChart:
            return error_response(404, f"no figure {figure!r}: {', '.join(charts.api_names())}")
        catalog, error = catalog_or_error()
        if error:
            return error
        table, meta = presenter.rows(charts.Request(catalog, state, flask.request.args))
        return table_response(table, fmt, figure, {"filters": state.to_query().lstrip("?"), **meta})

    @blueprint.get("/countries/<iso3>")
    def country_profile(iso3: str):
        catalog, error = catalog_or_error()
        if error:
            return error
        profile = network.country_profile_for(catalog, iso3.upper(), request_state()[0].lang)
        if profile is None:
            return error_response(404, f"no country with the code {iso3!r}")
        return flask.jsonify(network.country_profile_json(profile))

    @blueprint.get("/places/<int:place_id>")
    def place_profile(place_id: int):
        catalog, error = catalog_or_error()
        if error:
            return error
        profile = network.city_profile_for(catalog, place_id, request_state()[0].lang)
        if profile is None:
            return error_response(404, f"no place with the id {place_id}")
        return flask.jsonify(network.city_profile_json(profile))

    # ---- activities and the monitoring of twinnings (dashboard.registry) ---------------------------------
    @blueprint.get("/activities")
    def activities():
        """Activities under the filters, the year range (from, to) and the sample switch (sample=1)."""
        state, fmt = request_state()
        if fmt is None:
            return error_response(400, f"format must be one of {', '.join(FORMATS)}")
        catalog, error = catalog_or_error()
        if error:
            return error
        table, meta = activities_payload(catalog, state)
        return table_response(table, fmt, "activities", meta)

    @blueprint.get("/monitoring")
    def monitoring():
        """Every twinning in view with its last activity and status; status=dormant,fading to follow up;
        as_of=YYYY-MM-DD (default today)."""
        state, fmt = request_state()
        if fmt is None:
            return error_response(400, f"format must be one of {', '.join(FORMATS)}")
        statuses = tuple(s for s in flask.request.args.get("status", "").split(",") if s)
        if any(s not in STATUSES for s in statuses):
            return error_response(400, f"status must be among {', '.join(STATUSES)}")
        try:
            as_of = dt.date.fromisoformat(flask.request.args["as_of"]) if flask.request.args.get("as_of") else None
        except ValueError:
            return error_response(400, "as_of must be a date YYYY-MM-DD")
        catalog, error = catalog_or_error()
        if error:
            return error
        table, meta = monitoring_payload(catalog, state, as_of, statuses)
        return table_response(table, fmt, "monitoring", meta)

    server.register_blueprint(blueprint)
