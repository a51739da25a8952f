"""Every chart and map of the app by name, built for a view state exactly as its page builds it.

`build(name, catalog, state, args)` -> ExportFigure(figure, title, datasets, legend): the page's own figure
(the same pure functions of dashboard/figures, fed the same way as the page's callback), the title its page
shows above it, the datasets it draws on (dashboard.exports.sources) and, for maps whose legend the page draws
in HTML, the traces to list in the exported legend. `args` holds what the view state does not: `iso3` (country
profile), `id` (city profile), `top` (the network page's "countries shown").

Pages are imported lazily: their modules register with Dash Pages, which the app has done by then.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from dashboard.i18n import format_date, format_population, t, tn
from dashboard.state import ViewState, is_iso3
from dashboard.store import queries

from dashboard.exports.sources import NETWORK


@dataclass(frozen=True)
class ExportFigure:
    figure: object            # plotly dict or go.Figure
    title: str
    datasets: tuple[str, ...] = NETWORK
    legend: tuple[str, ...] = field(default=())


class UnknownFigure(KeyError):
    """No such figure, or not for these arguments (e.g. an unknown country)."""


Builder = Callable[[object, ViewState, Mapping[str, str]], ExportFigure]
FIGURES: dict[str, Builder] = {}


def figure(name: str):
    def register(builder: Builder) -> Builder:
        FIGURES[name] = builder
        return builder
    return register


def build(name: str, catalog, state: ViewState, args: Mapping[str, str] | None = None) -> ExportFigure:
    if name not in FIGURES:
        raise UnknownFigure(name)
    return FIGURES[name](catalog, state, args or {})


def _top(args) -> int:
    from dashboard.store import network
    try:
        top = int(args.get("top", network.DEFAULT_TOP_COUNTRIES))
    except (TypeError, ValueError):
        return network.DEFAULT_TOP_COUNTRIES
    return top if top in network.TOP_COUNTRY_CHOICES else network.DEFAULT_TOP_COUNTRIES


# ---- the map ----------------------------------------------------------------------------------------------------

MAP_LEGEND = ("map.legend.countries", "map.legend.border_regions", "map.legend.disputed", "map.legend.links",
              "map.legend.neighbour_links", "map.legend.places", "map.legend.other_places")


@figure("map")
def _map(catalog, state, args):
    from dashboard import settings
    from dashboard.figures import map as map_figures
    from dashboard.pages.map import geojson_urls
    from dashboard.store.layers import load_map_layers
    inputs = map_figures.map_inputs(catalog, load_map_layers(settings.database_url(), state.pov), state,
                                    geojson_urls(catalog, state.pov))
    legend = tuple(t(key, state.lang) for key in MAP_LEGEND if key != "map.legend.countries")
    return ExportFigure(map_figures.map_figure(inputs), t("exports.title.map", state.lang), legend=legend)


# ---- the network page -----------------------------------------------------------------------------------------

@figure("network-matrix")
def _matrix(catalog, state, args):
    from dashboard.figures import network as figures
    from dashboard.pages.network import matrix_of
    matrix, names = matrix_of(catalog, state, _top(args))
    return ExportFigure(figures.matrix_figure(matrix, names, state.lang, None), t("network.tab.matrix", state.lang))


def _cities(catalog, state, measure: str, title_key: str) -> ExportFigure:
    from dashboard.figures import network as figures
    from dashboard.pages.network import TOP_CITIES
    from dashboard.store import network
    ranking = network.city_ranking(catalog, queries.filtered_view(catalog, state), state.lang)
    return ExportFigure(figures.top_cities_figure(network.top_cities(ranking, measure, TOP_CITIES), measure,
                                                  state.lang), t(title_key, state.lang))


@figure("network-cities-twinnings")
def _cities_twinnings(catalog, state, args):
    return _cities(catalog, state, "twinnings", "network.cities.by_twinnings")


@figure("network-cities-countries")
def _cities_countries(catalog, state, args):
    return _cities(catalog, state, "partner_countries", "network.cities.by_countries")


@figure("network-shares")
def _shares(catalog, state, args):
    from dashboard.figures import network as figures
    from dashboard.store import network
    links = queries.filtered_view(catalog, state).links
    countries = network.country_totals(links).index[:_top(args)]
    shares = network.country_shares(catalog, links, tuple(countries))
    return ExportFigure(figures.shares_figure(shares, network.country_name_map(catalog, state.lang), state.lang),
                        t("network.tab.blocs", state.lang), datasets=(*NETWORK, "memberships"))


@figure("network-lengths")
def _lengths(catalog, state, args):
    from dashboard.figures import network as figures
    from dashboard.store import network
    links = queries.filtered_view(catalog, state).links
    return ExportFigure(figures.lengths_figure(network.length_histogram(links), network.length_summary(links),
                                               state.lang), t("network.lengths.heading", state.lang))


@figure("network-communities")
def _communities(catalog, state, args):
    from dashboard.figures import network as figures
    from dashboard.pages import profile_parts as parts
    from dashboard.pages.network import community_members
    from dashboard.store import network
    view = queries.filtered_view(catalog, state)
    title = t("network.tab.communities", state.lang)
    if view.links.empty:
        return ExportFigure(figures.empty_figure(t("network.empty", state.lang)), title)
    found = network.communities_for(catalog, state)
    figure_ = figures.communities_map_figure(
        community_members(catalog, view, state.lang), view.links, found, state.lang,
        parts.countries_geojson_url(catalog, state.pov), list(catalog.countries["iso3"]),
        network.country_name_map(catalog, state.lang), revision="export")
    return ExportFigure(figure_, title)


# ---- profiles ---------------------------------------------------------------------------------------------------

def country_profile(catalog, args, lang: str):
    from dashboard.store import network
    iso3 = str(args.get("iso3") or "").strip().upper()
    profile = network.country_profile_for(catalog, iso3, lang) if is_iso3(iso3) else None
    if profile is None:
        raise UnknownFigure(f"no country {iso3!r}")
    return profile


@figure("country-map")
def _country_map(catalog, state, args):
    from dashboard.pages.country import country_map
    profile = country_profile(catalog, args, state.lang)
    return ExportFigure(country_map(catalog, profile, state), t("exports.title.country_map", state.lang,
                                                                  country=profile.name))


@figure("city-map")
def _city_map(catalog, state, args):
    from dashboard.pages.city import city_map
    from dashboard.store import network
    try:
        place_id = int(args.get("id") or 0)
    except ValueError:
        place_id = 0
    profile = network.city_profile_for(catalog, place_id, state.lang) if place_id > 0 else None
    if profile is None:
        raise UnknownFigure(f"no city {args.get('id')!r}")
    return ExportFigure(city_map(catalog, profile, state), t("exports.title.city_map", state.lang, city=profile.name))


# ---- corridors --------------------------------------------------------------------------------------------------

CORRIDOR_LEGEND = ("corridors.legend.crossborder", "corridors.legend.known", "corridors.legend.proposed",
                   "corridors.legend.cities")


@figure("corridors-map")
def _corridors(catalog, state, args):
    from dashboard.figures import corridors as corridor_figures
    from dashboard.pages.corridors import page_inputs
    inputs = page_inputs(state)
    if inputs is None:
        raise UnknownFigure("the corridor tables are not built")
    legend = tuple(t(key, state.lang) for key in CORRIDOR_LEGEND)
    if state.strip:
        legend += (t("corridors.legend.strip", state.lang, km=state.strip_km),)
    return ExportFigure(corridor_figures.corridor_figure(inputs), t("page.corridors", state.lang),
                        datasets=(*NETWORK, "corridors", "registry"), legend=legend)


# ---- activities -------------------------------------------------------------------------------------------------

def _activity_view(catalog, state, use_years: bool = True):
    from dashboard.registry import views
    from dashboard.registry.service import live_frames
    frames = live_frames(catalog)
    return frames, views.activities_in_view(frames, catalog, state, use_years=use_years)


ACTIVITY_DATASETS = ("naturalearth", "geonames", "registry")


def _activities(title_key: str):
    def decorate(builder):
        def wrapped(catalog, state, args):
            figure_, sample = builder(catalog, state)
            title = t(title_key, state.lang)
            if sample:
                title += " · " + t("activities.sample_badge", state.lang)
            return ExportFigure(figure_, title, datasets=ACTIVITY_DATASETS)
        return wrapped
    return decorate


@figure("activities-year-type")
@_activities("activities.year_type")
def _year_type(catalog, state):
    from dashboard.figures import activities as figures
    from dashboard.registry import views
    _, view = _activity_view(catalog, state)
    return figures.year_type_figure(views.counts_by_year_type(view), state.lang, view.includes_sample), \
        view.includes_sample


@figure("activities-three-years")
@_activities("activities.three_years")
def _three_years(catalog, state):
    from dashboard.figures import activities as figures
    from dashboard.registry import views
    _, view = _activity_view(catalog, state, use_years=False)
    return figures.three_years_figure(views.years_side_by_side(view), state.lang, view.includes_sample), \
        view.includes_sample


@figure("activities-monthly")
@_activities("activities.monthly")
def _monthly(catalog, state):
    from dashboard.figures import activities as figures
    from dashboard.registry import views
    _, view = _activity_view(catalog, state)
    months, _ = views.counts_by_month(view)
    return figures.monthly_figure(months, state.lang, view.includes_sample), view.includes_sample


@figure("activities-by-country")
@_activities("activities.by_country")
def _by_country(catalog, state):
    from dashboard.figures import activities as figures
    from dashboard.registry import views
    _, view = _activity_view(catalog, state)
    return figures.ranking_figure(views.counts_by_country(view, catalog.countries, state.lang), state.lang,
                                  view.includes_sample), view.includes_sample


@figure("activities-by-region")
@_activities("activities.by_region")
def _by_region(catalog, state):
    from dashboard.figures import activities as figures
    from dashboard.registry import views
    _, view = _activity_view(catalog, state)
    by_region = views.counts_by_border_region(view, catalog, state.lang)
    labelled = by_region.assign(label=by_region["name"].astype(str) + " · " + by_region["iso3"].astype(str))
    return figures.ranking_figure(labelled, state.lang, view.includes_sample, colour=figures.theme.GREEN,
                                  label_column="label"), view.includes_sample


@figure("activities-by-corridor")
@_activities("activities.by_corridor")
def _by_corridor(catalog, state):
    from dashboard.figures import activities as figures
    from dashboard.registry import views
    _, view = _activity_view(catalog, state)
    return figures.ranking_figure(views.counts_by_corridor(view, lang=state.lang), state.lang, view.includes_sample,
                                  colour=figures.theme.PURPLE), view.includes_sample


@figure("activities-map")
@_activities("activities.map")
def _activity_map(catalog, state):
    from dashboard.figures import activities as figures
    from dashboard.pages.activities import _localised_links, map_links
    from dashboard.registry import views
    from dashboard.registry.tables import monitoring_of
    frames, view = _activity_view(catalog, state)
    table = monitoring_of(frames, catalog, state, None)
    links = _localised_links(map_links(table, catalog), table, catalog, state.lang)
    places = views.counts_by_place(view, catalog.places, state.lang)
    return figures.activity_map_figure(places, links, state.lang, view.includes_sample), view.includes_sample


# ---- the filters in words (the subtitle of an export, the cover of a brief) --------------------------------------

def filters_in_words(catalog, state: ViewState) -> str:
    """'Countries: Belarus, Russia · Blocs: SCO · Border regions only · …'; '' for the whole network."""
    from dashboard.store import network
    lang = state.lang
    names = network.country_name_map(catalog, lang) if catalog is not None else {}
    parts = []
    if state.countries:
        parts.append(t("exports.filters.countries", lang, items=", ".join(names.get(c, c) for c in state.countries)))
    if state.blocs:
        blocs = []
        for bloc in state.blocs:
            org, _, status = bloc.partition(":")
            blocs.append(t(f"org.{org}", lang) + (f" ({t('profile.status.' + status, lang)})" if status else ""))
        parts.append(t("exports.filters.blocs", lang, items=", ".join(blocs)))
    if state.regions:
        region_names = {}
        if catalog is not None:
            rows = catalog.regions[catalog.regions["region_id"].isin(state.regions)]
            column = "name_ru" if lang == "ru" else "name_en"
            region_names = dict(zip(rows["region_id"], rows[column].fillna(rows["name_en"])))
        parts.append(t("exports.filters.regions", lang,
                       items=", ".join(str(region_names.get(r, r)) for r in state.regions)))
    if state.pair:
        parts.append(t("exports.filters.pair", lang, first=names.get(state.pair[0], state.pair[0]),
                       second=names.get(state.pair[1], state.pair[1])))
    if state.border_only:
        parts.append(t("exports.filters.border_only", lang))
    if state.min_population:
        parts.append(tn("exports.filters.min_population", state.min_population, lang,
                        count=format_population(state.min_population, lang)))
    if state.link_scope != "touching" and (state.countries or state.blocs or state.regions):
        parts.append(t(f"exports.filters.scope.{state.link_scope}", lang))
    if state.year_from is not None or state.year_to is not None:
        parts.append(t("exports.filters.years", lang, start=state.year_from or "…", end=state.year_to or "…"))
    if state.sample:
        parts.append(t("activities.sample_badge", lang))
    return " · ".join(parts) if parts else t("exports.filters.none", lang)


def as_of_text(catalog, lang: str) -> str:
    built = getattr(catalog, "built_at", "") if catalog is not None else ""
    return format_date(built, lang) if built else ""
