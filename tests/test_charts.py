"""Presenters (dashboard.charts) on the built store: every chart builds for the default view in English and
Russian, and the page, the file export and the API draw the same data from the same presenter.

Run: `.venv/bin/python -m pytest -q tests/test_charts.py`. Needs the store (skipped without it).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import charts
from dashboard.state import ViewState

#: arguments the view state does not hold, for the presenters that need them
ARGS = {"country-map": {"iso3": "BLR"}, "city-map": {"id": "625144"}, "network-cell-map": {"cell": ("BLR", "RUS")}}


@pytest.fixture
def app(store_app):
    """The app (its pages registered with Dash, so their callbacks can be called)."""
    return store_app


def traces_of(figure) -> list[dict]:
    """The traces' data (what is drawn), plotly dict or go.Figure, without the page-only uirevision."""
    data = go.Figure(figure, skip_invalid=False).to_plotly_json()["data"] if not isinstance(figure, go.Figure) \
        else figure.to_plotly_json()["data"]
    keep = ("type", "x", "y", "z", "text", "lon", "lat", "locations", "customdata", "name")
    return [{key: _plain(trace.get(key)) for key in keep if key in trace} for trace in data]


def _plain(value):
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, dict) and "bdata" in value:  # base64 arrays: compare as decoded
        return go.Figure({"data": [{"type": "scatter", "x": value}]}).data[0].x
    return value


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_presenter_builds_for_the_default_view(store_catalog, lang):
    state = ViewState(lang=lang)
    ids = [presenter.id for presenter in charts.all()]
    assert len(ids) == len(set(ids)) >= 20
    for presenter in charts.all():
        request = charts.Request(store_catalog, state, ARGS.get(presenter.id, {}))
        data = presenter.data(request)
        title = presenter.title(state, data)
        assert title and not title.startswith(("network.", "activities.", "exports.")), (presenter.id, title)
        assert presenter.formats, presenter.id
        if presenter.is_figure:
            figure = go.Figure(presenter.figure(request, data), skip_invalid=False)
            assert figure.data or figure.layout.annotations, presenter.id
        if presenter.table is not None:
            table, meta = presenter.rows(request, data)
            assert isinstance(table, pd.DataFrame) and isinstance(meta, dict), presenter.id
    with pytest.raises(charts.UnknownChart):
        charts.get("no-such-chart")


def test_the_export_draws_what_the_page_shows(app, store_catalog):
    from dashboard.exports.figure_export import export_figure
    from dashboard.pages import network as page

    search, state = "?countries=KAZ&lang=ru", ViewState(countries=("KAZ",), lang="ru")
    shares, _ = page.update_shares(search, 15, "blocs")
    assert traces_of(export_figure("network-shares", store_catalog, state, {"top": "15"})) == traces_of(shares)
    by_twinnings, _, by_countries, _ = page.update_cities(search, "cities")
    assert traces_of(export_figure("network-cities-twinnings", store_catalog, state)) == traces_of(by_twinnings)
    assert traces_of(export_figure("network-cities-countries", store_catalog, state)) == traces_of(by_countries)
    matrix, _ = page.update_matrix(search, 10, None, "matrix", None)
    assert traces_of(export_figure("network-matrix", store_catalog, state, {"top": "10"})) == traces_of(matrix)
    lengths, _, _ = page.update_lengths(search, "lengths")
    assert traces_of(export_figure("network-lengths", store_catalog, state)) == traces_of(lengths)


def test_the_api_serves_the_tables_the_page_draws(app, store_catalog):
    from dashboard.pages import corridors as corridors_page
    from dashboard.pages import network as page

    client = app.server.test_client()
    body = client.get("/api/v1/network/matrix?countries=KAZ&top=10").get_json()
    matrix, _ = page.update_matrix("?countries=KAZ", 10, None, "matrix", None)
    drawn = go.Figure(matrix, skip_invalid=False).data[0]
    counts = [[0 if z is None else round(10 ** z) for z in row] for row in drawn.z]  # a log colour scale
    assert counts == body["square"]  # the page's heat map is the API's square
    nearest = client.get("/api/v1/network/nearest?countries=KAZ").get_json()["nearest"]
    shown = charts.get("network-nearest").data(charts.Request(store_catalog, ViewState(countries=("KAZ",))))
    assert [row["twinning_id"] for row in nearest] == shown["twinning_id"].tolist()
    # the corridors grid is the corridors table the API serves
    state = ViewState(countries=("KAZ",))
    inputs = corridors_page.page_inputs(state)
    grid = corridors_page.grid_rows(inputs)
    served = client.get("/api/v1/corridors?countries=KAZ").get_json()["corridors"]
    assert [row["item_id"] for row in grid] == [row["item_id"] for row in served]
