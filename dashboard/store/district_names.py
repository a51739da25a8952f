"""Twinning ends that name a district of a city: 'Dzerzhinsky (Volgograd)', 'Yerevan – Davtashen'.

Such an end is matched to its city, or to a place of its own name close to that city (Kolpino of
Saint Petersburg), and to nothing else: neither a namesake elsewhere in the country nor whatever
place lies at its geocode (the Wikipedia geocode of Volgograd's Dzerzhinsky district fell on the town
of Leninsk, 60 km away). A namesake far from the city is another place ('Chaoyang (Beijing)' is not
the city of Chaoyang in Liaoning; 'Vyborg (Saint Petersburg)' is the city's Vyborgsky district).

Only ends whose parent names a place of the same country count as districts: 'Kuressaare (Saaremaa)'
or 'Gisors (intercommunality)' are left to the ordinary matching, and what it cannot match goes to the
review table.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from dashboard.store.names import name_key
from geo.distance import haversine_km

#: a place of the district's own name this close to its city is the district (or the town it was)
NEAR_CITY_KM = 50.0
_DASHES = (" – ", " — ", " - ")
_DISTRICT_WORDS = re.compile(r"\b(district|raion|rayon|ao|okrug|qu|xian)\b")


def district_parts(city: str) -> tuple[str, str] | None:
    """(own name key, parent city key) of 'District (City)' or 'City – District'; None for other names."""
    raw = str(city)
    inner = re.fullmatch(r"\s*(.+?)\s*\(([^()]+)\)\s*", raw)
    if inner:
        own, parent = inner.group(1), inner.group(2)
    else:
        dash = next((d for d in _DASHES if d in raw), None)
        if dash is None:
            return None
        parent, own = raw.split(dash, 1)
    own_key, parent_key = name_key(own), name_key(parent)
    if not own_key or not parent_key:
        return None
    return own_key, parent_key


def _own_keys(own_key: str) -> list[str]:
    stripped = " ".join(_DISTRICT_WORDS.sub(" ", own_key).split())
    return [key for key in dict.fromkeys((own_key, stripped)) if key]


def district_matches(ends: pd.DataFrame, pool) -> pd.DataFrame:
    """For the ends (end_id, city, iso3) that name a district of a city of their country: end_id, city,
    place_id and how ('district place near its city' or 'parent city')."""
    columns = ["end_id", "city", "place_id", "how"]
    parts = ends["city"].map(district_parts)
    districts = ends.loc[parts.notna().to_numpy(), ["end_id", "city", "iso3"]].copy()
    if districts.empty:
        return pd.DataFrame(columns=columns)
    chosen = parts[parts.notna()]
    districts["own"] = [_own_keys(own) for own, _ in chosen]
    districts["parent_key"] = [parent for _, parent in chosen]
    by_size = {"by": ["in_base", "population"], "ascending": False}
    attrs = pool.places[["place_id", "lat", "lon", "population", "in_base"]].reset_index(drop=True)
    parents = districts.merge(pool.keys, left_on=["iso3", "parent_key"], right_on=["iso3", "key"])
    parents = parents.merge(attrs, on="place_id").sort_values(**by_size).drop_duplicates("end_id")
    if parents.empty:
        return pd.DataFrame(columns=columns)
    own = parents[["end_id", "iso3", "own", "place_id", "lat", "lon"]].rename(
        columns={"place_id": "parent_id", "lat": "parent_lat", "lon": "parent_lon"}).explode("own")
    own = own.merge(pool.keys, left_on=["iso3", "own"], right_on=["iso3", "key"]).merge(attrs, on="place_id")
    own = own[own["place_id"] != own["parent_id"]]
    own["km"] = haversine_km(own["parent_lon"].to_numpy(), own["parent_lat"].to_numpy(), own["lon"].to_numpy(),
                             own["lat"].to_numpy())
    near = own[np.asarray(own["km"]) <= NEAR_CITY_KM].sort_values(**by_size).drop_duplicates("end_id")
    result = parents[["end_id", "city", "place_id"]].assign(how="parent city").set_index("end_id")
    result.loc[near["end_id"], "place_id"] = near["place_id"].to_numpy()
    result.loc[near["end_id"], "how"] = "district place near its city"
    return result.reset_index()[columns]
