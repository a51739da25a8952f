"""The maps of the country and city profiles, as pure functions of the catalogue and a profile.

    country_map(catalog, profile, lang, countries)   # the country's cities, their twins, the twinnings
    city_map(catalog, profile, lang, countries)      # the city, its twins, the twinnings

`countries` is the country polygons' GeoJSON or the URL the browser loads it from (the pages pass the
URL, exports and slides the GeoJSON itself). Used by the profile pages, the exports and the slides of
saved views. No Dash imports.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.figures import network as figures
from dashboard.i18n import t
from dashboard.store import network, queries

CITY_MAP_REACH_KM = 2500.0  # the city map is zoomed to the city and its twins within this distance


def country_map(catalog, profile: network.CountryProfile, lang: str, countries: dict | str) -> dict:
    """The country's cities (orange), their twins abroad (blue) and the twinnings, zoomed to the country."""
    links = profile.links
    net = queries.network(catalog)
    codes = net.places["iso3"].to_numpy(dtype=object)
    pos_a, pos_b = links["pos_a"].to_numpy(), links["pos_b"].to_numpy()
    own_a, own_b = codes[pos_a] == profile.iso3, codes[pos_b] == profile.iso3
    subject_pos = np.unique(np.concatenate([pos_a[own_a], pos_b[own_b]]))
    partner_pos = np.setdiff1d(np.unique(np.concatenate([pos_b[own_a & ~own_b], pos_a[own_b & ~own_a]])),
                               subject_pos)
    names = network.place_names(catalog, lang)
    country_names = network.country_name_map(catalog, lang)
    degree = pd.Series(np.concatenate([pos_a, pos_b])).value_counts()
    places = net.places

    def frame(positions) -> pd.DataFrame:
        return pd.DataFrame({"place_id": places["place_id"].to_numpy()[positions], "name": names[positions],
                             "lon": places["lon"].to_numpy()[positions], "lat": places["lat"].to_numpy()[positions]})

    subject = frame(subject_pos).assign(twinnings=degree.reindex(subject_pos).fillna(0).to_numpy())
    partners = frame(partner_pos).assign(country=[country_names.get(c, c) for c in codes[partner_pos]])
    window = figures.window_of(subject["lon"], subject["lat"], min_span=12.0)
    return figures.profile_map_figure(
        subject, partners, links, lang, countries, list(catalog.countries["iso3"]), country_names,
        highlight={profile.iso3}, window=window, revision=f"country:{profile.iso3}",
        subject_label=t("network.map.subject", lang))


def city_map(catalog, profile: network.CityProfile, lang: str, countries: dict | str) -> dict:
    """The city (orange), its twins (blue) and the twinnings, zoomed to the city and its nearer twins."""
    partners = profile.partners
    subject = pd.DataFrame({"place_id": [profile.place_id], "name": [profile.name], "lon": [profile.lon],
                            "lat": [profile.lat], "twinnings": [len(partners)]})
    links = pd.DataFrame({"lon_a": np.full(len(partners), profile.lon), "lat_a": np.full(len(partners), profile.lat),
                          "lon_b": partners["lon"].to_numpy(dtype="float64"),
                          "lat_b": partners["lat"].to_numpy(dtype="float64"),
                          "crosses_land_border": partners["neighbours"].to_numpy(dtype=bool)})
    near = partners[partners["distance_km"].fillna(np.inf).to_numpy() <= CITY_MAP_REACH_KM]
    window = figures.window_of(np.append(near["lon"].to_numpy(), profile.lon),
                               np.append(near["lat"].to_numpy(), profile.lat), min_span=10.0)
    return figures.profile_map_figure(
        subject, partners[["place_id", "name", "lon", "lat", "country"]], links, lang, countries,
        list(catalog.countries["iso3"]), network.country_name_map(catalog, lang), highlight={profile.iso3},
        window=window, revision=f"city:{profile.place_id}", subject_label=profile.name)
