"""What the read-only API's blueprints (web/api.py, web/corridors_api.py) share: the JSON error body, a
table as JSON or CSV (through dashboard.spreadsheets: formulas neutralised), and the `before_request` hook
that refuses filters outside their allowed sets."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode

import flask
import pandas as pd

from dashboard import spreadsheets
from dashboard.state import ViewState, query_problems

log = logging.getLogger(__name__)

STORE_MISSING = "Build it with `python -m dashboard build`."
LAYER_CACHE_SECONDS = 24 * 3600  # display layers change only with a new store (and then their URL's v=)


def error_response(status: int, message: str) -> flask.Response:
    response = flask.jsonify({"error": message})
    response.status_code = status
    return response


def filter_problems(query: str, catalog=None) -> list[str]:
    """Why a request's filters cannot be served: values outside their allowed sets, and (given the
    catalogue) countries or regions the store does not know. Empty when all is well."""
    problems = query_problems(query)
    if problems or catalog is None:
        return problems
    state = ViewState.from_query(query)
    known_countries = set(catalog.countries["iso3"])
    unknown = [code for code in dict.fromkeys((*state.countries, *state.pair)) if code not in known_countries]
    if unknown:
        problems.append(f"countries: {', '.join(unknown[:5])} not known")
    known_regions = set(catalog.regions["region_id"])
    unknown = [region for region in state.regions if region not in known_regions]
    if unknown:
        problems.append(f"regions: {', '.join(unknown[:5])} not known")
    return problems


def without_keys(query: str, keys) -> str:
    """The query string without the parameters named in `keys`."""
    return urlencode([(key, value) for key, value in parse_qsl(query, keep_blank_values=True) if key not in keys])


def refuse_invalid_filters(catalog_source: Callable[[], object],
                           own_keys: dict[str, tuple[str, ...]] | None = None
                           ) -> Callable[[], flask.Response | None]:
    """A `before_request` hook: 400 with the reasons when the query's filters are not all allowed.

    `own_keys`: endpoint name -> query keys that route reads with its own meaning (e.g. /monitoring's
    `status`), left out of the view-state check there."""
    def check() -> flask.Response | None:
        query = flask.request.query_string.decode("utf-8", "replace")
        endpoint = (flask.request.endpoint or "").rsplit(".", 1)[-1]
        if own_keys and endpoint in own_keys:
            query = without_keys(query, own_keys[endpoint])
        if not query:
            return None
        try:
            catalog = catalog_source()
        except Exception as error:  # no store: safe, the route itself answers 503
            log.warning("filters checked without the catalogue (%s)", error)
            catalog = None
        problems = filter_problems(query, catalog)
        return error_response(400, "Invalid filters: " + "; ".join(problems)) if problems else None
    return check


def table_response(table: pd.DataFrame, fmt: str, name: str, meta: dict) -> flask.Response:
    """The table as a CSV attachment (fmt "csv") or as JSON {**meta, "count", name: [records]}."""
    if fmt == "csv":  # cells a spreadsheet would take for formulas are neutralised, as in every download
        response = flask.Response(spreadsheets.csv_text(table), mimetype="text/csv")
        response.headers["Content-Disposition"] = f'attachment; filename="borderlinks-{name}.csv"'
        return response
    records = [{key: plain(value) for key, value in row.items()} for row in table.to_dict("records")]
    return flask.jsonify({**meta, "count": len(records), name: records})


def plain(value):
    """JSON-safe Python scalars: NaN/NA -> None, numpy numbers -> int/float."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    return value
