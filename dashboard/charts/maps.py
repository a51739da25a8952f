"""The maps: the twinning map of the map page, and the maps of the country and city profiles.

Arguments the view state does not hold: `iso3` (the country profile), `id` (the city profile)."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard import settings
from dashboard.charts.geography import countries_layer, layer_urls
from dashboard.charts.presenter import Presenter, Request, UnknownChart, register
from dashboard.figures import map as map_figures
from dashboard.figures import profile_maps
from dashboard.i18n import t
from dashboard.state import ViewState, is_iso3
from dashboard.store import network
from dashboard.store.layers import load_map_layers

# ---- the twinning map ------------------------------------------------------------------------------------------

#: what a file's legend lists (the page draws its legend beside the map; the countries are not listed)
MAP_LEGEND = ("map.legend.border_regions", "map.legend.disputed", "map.legend.links", "map.legend.neighbour_links",
              "map.legend.places", "map.legend.other_places")


def map_query(request: Request) -> map_figures.MapInputs:
    layers = load_map_layers(settings.database_url(), request.state.pov)
    return map_figures.map_inputs(request.catalog, layers, request.state, layer_urls(request))


MAP = register(Presenter(
    id="map", title_key="exports.title.map", query=map_query,
    build=lambda inputs, state, lang: map_figures.map_figure(inputs), legend_keys=MAP_LEGEND))


# ---- the profiles' maps ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProfileMapData:
    catalog: object
    profile: object  # network.CountryProfile | network.CityProfile
    countries: object  # GeoJSON or its URL


def country_profile(catalog, args, lang: str) -> network.CountryProfile:
    iso3 = str(args.get("iso3") or "").strip().upper()
    profile = network.country_profile_for(catalog, iso3, lang) if is_iso3(iso3) else None
    if profile is None:
        raise UnknownChart(f"no country {iso3!r}")
    return profile


def city_profile(catalog, args, lang: str) -> network.CityProfile:
    try:
        place_id = int(args.get("id") or 0)
    except ValueError:
        place_id = 0
    profile = network.city_profile_for(catalog, place_id, lang) if place_id > 0 else None
    if profile is None:
        raise UnknownChart(f"no city {args.get('id')!r}")
    return profile


def _country_title(data: ProfileMapData, state: ViewState) -> str:
    return t("exports.title.country_map", state.lang, country=data.profile.name)


def _city_title(data: ProfileMapData, state: ViewState) -> str:
    return t("exports.title.city_map", state.lang, city=data.profile.name)


COUNTRY_MAP = register(Presenter(
    id="country-map", title_key="profile.country.kind", title_of=_country_title,
    query=lambda request: ProfileMapData(request.catalog, country_profile(request.catalog, request.args, request.lang),
                                         countries_layer(request)),
    build=lambda data, state, lang: profile_maps.country_map(data.catalog, data.profile, lang, data.countries)))

CITY_MAP = register(Presenter(
    id="city-map", title_key="profile.city.kind", title_of=_city_title,
    query=lambda request: ProfileMapData(request.catalog, city_profile(request.catalog, request.args, request.lang),
                                         countries_layer(request)),
    build=lambda data, state, lang: profile_maps.city_map(data.catalog, data.profile, lang, data.countries)))
