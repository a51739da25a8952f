"""Where an activity comes from, kept apart in the data and counted together in the views.

- reference: the project's cited events (data/events.csv), written into every registry by the user
  REFERENCE_USER (dashboard.registry.reference_events);
- registry: what the secretariat and its users entered or imported;
- sample: generated demo data (dashboard.registry.samples), never real and off by default.

No column is stored for it: the origin follows from who created the activity and its sample mark.
A registry record of the same event as a reference event (same start date and type, and a place in
common, else a region, else the same countries) is one event told twice: the views show the
reference row once with both origins, and the registry record's id beside it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

REFERENCE_USER = "system"
ORIGINS = ("reference", "registry", "sample")
#: what the activity counts include by default (samples only when the user switches them on)
COUNTED = ("reference", "registry")
SEPARATOR = "; "


def origin_of(activities: pd.DataFrame) -> np.ndarray:
    """'sample', 'reference' or 'registry' for each activity row."""
    n = len(activities)
    sample = activities["is_sample"].to_numpy(dtype=bool) if "is_sample" in activities else np.zeros(n, bool)
    by_system = (activities["created_by"].astype(object).to_numpy() == REFERENCE_USER) \
        if "created_by" in activities else np.zeros(n, bool)
    return np.where(sample, "sample", np.where(by_system, "reference", "registry")).astype(object)


def _links(activities: pd.DataFrame, places: pd.DataFrame, regions: pd.DataFrame,
           countries: pd.DataFrame) -> pd.DataFrame:
    """activity_id, where: each place ('p:id'); regions ('r:id') for activities without places; the set
    of countries ('c:ABC;DEF') for activities with neither."""
    with_places = set(places["activity_id"])
    regions = regions[~regions["activity_id"].isin(with_places)]
    located = with_places | set(regions["activity_id"])
    rest = countries[~countries["activity_id"].isin(located)]
    country_sets = rest.astype({"iso3": str}).sort_values("iso3").groupby("activity_id")["iso3"] \
        .agg(lambda codes: "c:" + ";".join(codes)).reset_index(name="where")
    return pd.concat([
        pd.DataFrame({"activity_id": places["activity_id"].to_numpy(),
                      "where": "p:" + places["place_id"].astype(str).to_numpy()}),
        pd.DataFrame({"activity_id": regions["activity_id"].to_numpy(),
                      "where": "r:" + regions["region_id"].astype(str).to_numpy()}),
        country_sets], ignore_index=True)


def matched_records(activities: pd.DataFrame, places: pd.DataFrame, regions: pd.DataFrame,
                    countries: pd.DataFrame, origins: np.ndarray) -> pd.DataFrame:
    """registry_id, reference_id: registry records of an event the reference table has (the first
    matching reference event by id when several match)."""
    empty = pd.DataFrame({"registry_id": pd.Series(dtype="int64"), "reference_id": pd.Series(dtype="int64")})
    is_reference, is_registry = origins == "reference", origins == "registry"
    if not is_reference.any() or not is_registry.any():
        return empty
    keys = activities[["activity_id", "start_date", "activity_type"]].assign(origin=origins)
    keys = keys[is_reference | is_registry]
    links = _links(activities, places, regions, countries).merge(keys, on="activity_id")
    on = ["start_date", "activity_type", "where"]
    pairs = links[links["origin"] == "registry"].merge(links[links["origin"] == "reference"], on=on,
                                                        suffixes=("_registry", "_reference"))
    if pairs.empty:
        return empty
    pairs = pairs.rename(columns={"activity_id_registry": "registry_id", "activity_id_reference": "reference_id"})
    pairs = pairs.sort_values(["registry_id", "reference_id"]).drop_duplicates("registry_id")
    return pairs[["registry_id", "reference_id"]].reset_index(drop=True).astype("int64")


def with_origins(activities: pd.DataFrame, places: pd.DataFrame, regions: pd.DataFrame,
                 countries: pd.DataFrame) -> pd.DataFrame:
    """The activities with `origin`, `origins` (e.g. 'reference; registry' for an event both tell),
    `registry_ids` (the registry records merged into a reference row, ';'-separated) and `shown`
    (False for a registry record shown as part of its reference event)."""
    activities = activities.copy()
    origin = origin_of(activities)
    matches = matched_records(activities, places, regions, countries, origin)
    merged = matches.groupby("reference_id")["registry_id"].agg(
        lambda ids: SEPARATOR.join(str(i) for i in sorted(ids)))
    ids = activities["activity_id"]
    activities["origin"] = origin
    activities["registry_ids"] = ids.map(merged).astype(object).where(ids.isin(merged.index), None)
    activities["origins"] = np.where(activities["registry_ids"].notna(),
                                     "reference" + SEPARATOR + "registry", origin).astype(object)
    activities["shown"] = ~ids.isin(matches["registry_id"]).to_numpy()
    return activities


def has_origin(activities: pd.DataFrame, origin: str) -> np.ndarray:
    """Which rows carry `origin` among their origins."""
    return activities["origins"].astype(str).str.split(SEPARATOR).map(lambda parts: origin in parts) \
        .to_numpy(dtype=bool)
