"""What a presenter is: one figure or table of the app, declared once.

A presenter names its chart (`id`), the message keys of its title and caption, the query that reads the data
for a request (the store's catalogue frames, the view state, arguments the state does not hold such as
`iso3`, `id`, `top`) and the pure builder that turns that data into a Plotly figure (or table rows), the
datasets it draws on (for the source line of a file), the legend it lists in a file when its page draws the
legend in HTML, and the formats it exports to.

    presenter = charts.get("network-matrix")
    figure = presenter.figure(Request(catalog, state, {"top": "15"}))

Pages, the export routes, /api/v1/network/<name>, PDF briefs and slides all ask a presenter; none of them
builds a chart itself. No Dash, no routes: a page passes `layer_url` (where the browser loads a geographic
layer from); without it the geometry is embedded, so the figure draws anywhere (a file, a PDF).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard.i18n import t
from dashboard.state import ViewState

#: what the twinning network itself rests on (places, twinnings, countries): dataset keys of
#: dashboard.exports.sources
NETWORK = ("naturalearth", "geonames", "wikipedia", "osm", "wikidata")
ACTIVITY_DATASETS = ("naturalearth", "geonames", "registry")

FIGURE_FORMATS = ("png", "svg", "pdf")
TABLE_FORMATS = ("csv", "xlsx")
MAP_LAYER_FORMATS = ("geojson",)

#: (layer name, point of view) -> the URL the browser loads that layer's GeoJSON from
LayerUrl = Callable[[str, str], str]


class UnknownChart(KeyError):
    """No chart of that id, or none for these arguments (e.g. an unknown country)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown chart"


class ChartUnavailable(LookupError):
    """The data a chart needs cannot be read (e.g. a store built before the corridor tables existed)."""


@dataclass(frozen=True)
class Request:
    """What a chart is asked for: the catalogue, the view state, the arguments the state does not hold and,
    on a page, where the browser loads geographic layers from."""

    catalog: Any
    state: ViewState
    args: Mapping[str, Any] = field(default_factory=dict)
    layer_url: LayerUrl | None = None

    @property
    def lang(self) -> str:
        return self.state.lang


@dataclass(frozen=True)
class Presenter:
    id: str
    title_key: str
    query: Callable[[Request], Any]
    build: Callable[[Any, ViewState, str], Any] | None = None
    table: Callable[[Any, Request], tuple[pd.DataFrame, dict]] | None = None
    #: the chart's geometry as a GeoJSON FeatureCollection (map layers)
    geojson: Callable[[Any, Request], dict] | None = None
    caption_key: str | None = None
    datasets: tuple[str, ...] = NETWORK
    legend_keys: tuple[str, ...] = ()
    formats: tuple[str, ...] = FIGURE_FORMATS
    #: the name under /api/v1/network/ (None: not served there)
    api_name: str | None = None
    #: the title when it depends on the data (a country's name, a "sample data" badge)
    title_of: Callable[[Any, ViewState], str] | None = None
    #: legend entries that depend on the state (the corridors' border strip)
    legend_of: Callable[[ViewState], tuple[str, ...]] | None = None

    @property
    def is_figure(self) -> bool:
        return self.build is not None

    def data(self, request: Request):
        return self.query(request)

    def figure(self, request: Request, data=None):
        """The figure for `request` (from `data` when the caller has queried it already)."""
        if self.build is None:
            raise UnknownChart(f"{self.id} is a table, not a figure")
        return self.build(self.query(request) if data is None else data, request.state, request.lang)

    def rows(self, request: Request, data=None) -> tuple[pd.DataFrame, dict]:
        """(table, metadata) of the chart for files and the API."""
        if self.table is None:
            raise UnknownChart(f"{self.id} has no table")
        return self.table(self.query(request) if data is None else data, request)

    def features(self, request: Request, data=None) -> dict:
        """The chart's geometry as GeoJSON."""
        if self.geojson is None:
            raise UnknownChart(f"{self.id} has no geometry")
        return self.geojson(self.query(request) if data is None else data, request)

    def title(self, state: ViewState, data=None) -> str:
        if self.title_of is not None and data is not None:
            return self.title_of(data, state)
        return t(self.title_key, state.lang)

    def legend(self, state: ViewState) -> tuple[str, ...]:
        """The names of the traces a file lists in its legend (the page draws this legend in HTML)."""
        names = tuple(t(key, state.lang) for key in self.legend_keys)
        return names + (self.legend_of(state) if self.legend_of is not None else ())


_REGISTRY: dict[str, Presenter] = {}


def register(presenter: Presenter) -> Presenter:
    if presenter.id in _REGISTRY:
        raise ValueError(f"two presenters named {presenter.id!r}")
    _REGISTRY[presenter.id] = presenter
    return presenter


def get(chart_id: str) -> Presenter:
    try:
        return _REGISTRY[chart_id]
    except KeyError:
        raise UnknownChart(f"no chart {chart_id!r}: {', '.join(sorted(_REGISTRY))}") from None


def all_presenters() -> tuple[Presenter, ...]:
    return tuple(_REGISTRY.values())


def by_api_name(name: str) -> Presenter:
    for presenter in _REGISTRY.values():
        if presenter.api_name == name:
            return presenter
    raise UnknownChart(f"no figure {name!r}: {', '.join(api_names())}")


def api_names() -> tuple[str, ...]:
    return tuple(p.api_name for p in _REGISTRY.values() if p.api_name)


def int_arg(args: Mapping[str, Any], name: str, default: int, low: int = 1, high: int = 200) -> int:
    """An integer argument clamped to [low, high]; the default when missing or not a number."""
    try:
        value = int(str(args.get(name, default)))
    except ValueError:
        return default
    return min(max(value, low), high)
