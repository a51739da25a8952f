"""The activities page's charts: activities per year and type, three years side by side, per month, by
country, border region and corridor, and the map of twinnings by activity. They count held activities unless
the state asks for other statuses (then their titles name them: "… · planned, held"); their titles carry a
"sample data" badge when sample activities are counted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard.charts.presenter import ACTIVITY_DATASETS, Presenter, Request, register
from dashboard.figures import activities as figures
from dashboard.i18n import t
from dashboard.registry import views
from dashboard.registry.service import live_frames
from dashboard.registry.tables import monitoring_export, monitoring_of
from dashboard.state import COUNTED_ACTIVITY_STATUSES, ViewState


@dataclass(frozen=True)
class ActivityData:
    """What an activity chart draws (`counts`) and whether sample activities are among them."""

    counts: object
    sample: bool


def _view(request: Request, use_years: bool = True):
    return views.activities_in_view(live_frames(request.catalog), request.catalog, request.state, use_years=use_years)


def status_words(statuses: tuple[str, ...], lang: str) -> str:
    """('planned', 'held') -> "planned, held" in `lang` (the statuses counted, where they are not the default)."""
    return ", ".join(t(f"activity.status.{code}", lang) for code in statuses)


def _sample_title(title_key: str) -> Callable[[ActivityData, ViewState], str]:
    def title(data: ActivityData, state: ViewState) -> str:
        text = t(title_key, state.lang)
        if state.activity_status != COUNTED_ACTIVITY_STATUSES:
            text += " · " + status_words(state.activity_status, state.lang)
        return text + " · " + t("activities.sample_badge", state.lang) if data.sample else text
    return title


def _activity_chart(chart_id: str, title_key: str, counts: Callable[[Request], tuple[object, bool]],
                    build: Callable[[object, str, bool], dict], caption_key: str | None = None) -> Presenter:
    return register(Presenter(
        id=chart_id, title_key=title_key, caption_key=caption_key, title_of=_sample_title(title_key),
        query=lambda request: ActivityData(*counts(request)),
        build=lambda data, state, lang: build(data.counts, lang, data.sample), datasets=ACTIVITY_DATASETS))


def _in_view(count: Callable, use_years: bool = True) -> Callable[[Request], tuple[object, bool]]:
    def counts(request: Request) -> tuple[object, bool]:
        view = _view(request, use_years)
        return count(view, request), view.includes_sample
    return counts


def regions_labelled(view, request: Request) -> pd.DataFrame:
    by_region = views.counts_by_border_region(view, request.catalog, request.lang)
    return by_region.assign(label=by_region["name"].astype(str) + " · " + by_region["iso3"].astype(str))


# ---- the map: places by activities, twinnings by their monitoring status --------------------------------------

def map_links(table: pd.DataFrame, catalog) -> pd.DataFrame:
    """Monitoring rows with both ends' coordinates and English names (for the map)."""
    index = views.place_index(catalog)
    a = index.get_indexer(table["place_a"].to_numpy())
    b = index.get_indexer(table["place_b"].to_numpy())
    keep = (a >= 0) & (b >= 0)
    a, b = a[keep], b[keep]
    places = catalog.places
    lon, lat, names = (places["lon"].to_numpy(dtype=float), places["lat"].to_numpy(dtype=float),
                       places["name_en"].to_numpy(dtype=object))
    links = table[keep]
    return pd.DataFrame({
        "status": links["status"].to_numpy(), "activity_count": links["activity_count"].to_numpy(),
        "last_activity": links["last_activity"].dt.strftime("%Y-%m-%d").fillna("").to_numpy(),
        "lon_a": lon[a], "lat_a": lat[a], "lon_b": lon[b], "lat_b": lat[b], "name_a": names[a], "name_b": names[b],
    })


def localised_links(links: pd.DataFrame, table: pd.DataFrame, catalog, lang: str) -> pd.DataFrame:
    """The map's links with their places named in `lang`."""
    if lang == "en" or links.empty:
        return links
    exported = monitoring_export(table[table["place_a"].isin(catalog.places["place_id"])
                                       & table["place_b"].isin(catalog.places["place_id"])], catalog, lang)
    links = links.copy()
    links["name_a"], links["name_b"] = exported["name_a"].to_numpy(), exported["name_b"].to_numpy()
    return links


def map_counts(view, request: Request) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(places with their activities, twinnings with their status); args: as_of (a date; default today)."""
    catalog, lang = request.catalog, request.lang
    table = monitoring_of(live_frames(catalog), catalog, request.state, request.args.get("as_of"))
    links = localised_links(map_links(table, catalog), table, catalog, lang)
    return views.counts_by_place(view, catalog.places, lang), links


YEAR_TYPE = _activity_chart(
    "activities-year-type", "activities.year_type", _in_view(lambda view, request: views.counts_by_year_type(view)),
    figures.year_type_figure)
THREE_YEARS = _activity_chart(
    "activities-three-years", "activities.three_years",
    _in_view(lambda view, request: views.years_side_by_side(view), use_years=False), figures.three_years_figure,
    caption_key="activities.three_years.note")
MONTHLY = _activity_chart(
    "activities-monthly", "activities.monthly", _in_view(lambda view, request: views.counts_by_month(view)[0]),
    figures.monthly_figure)
BY_COUNTRY = _activity_chart(
    "activities-by-country", "activities.by_country",
    _in_view(lambda view, request: views.counts_by_country(view, request.catalog.countries, request.lang)),
    figures.ranking_figure)
BY_REGION = _activity_chart(
    "activities-by-region", "activities.by_region", _in_view(regions_labelled),
    lambda counts, lang, sample: figures.ranking_figure(counts, lang, sample, colour=figures.theme.GREEN,
                                                        label_column="label"),
    caption_key="activities.by_region.note")
BY_CORRIDOR = _activity_chart(
    "activities-by-corridor", "activities.by_corridor",
    _in_view(lambda view, request: views.counts_by_corridor(view, lang=request.lang)),
    lambda counts, lang, sample: figures.ranking_figure(counts, lang, sample, colour=figures.theme.PURPLE),
    caption_key="activities.by_corridor.note")
MAP = _activity_chart(
    "activities-map", "activities.map", _in_view(map_counts),
    lambda counts, lang, sample: figures.activity_map_figure(counts[0], counts[1], lang, sample))
