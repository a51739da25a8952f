"""The registry in memory: pandas frames, reloaded only when the registry's version changes.

`current_frames(url)` costs one small query when nothing changed (any process may have written since),
and a full read (tens of thousands of rows: well under a second) when something did.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from dashboard.memo import frames_digest
from dashboard.registry.database import registry_engine, registry_version
from dashboard.registry.origins import with_origins

ACTIVITY_COLUMNS = ["activity_id", "title", "activity_type", "start_date", "end_date", "date_precision",
                    "twinning_a", "twinning_b", "corridor_id", "organiser", "source_url", "notes", "status", "is_sample",
                    "created_at", "created_by", "updated_at", "updated_by", "import_id"]
RECORD_COLUMNS = ["place_a", "place_b", "year_signed", "status", "source_url", "notes", "recorded_by",
                  "recorded_at", "updated_by", "updated_at"]


@dataclass(frozen=True)
class ActivityFrames:
    """Activities that are not withdrawn, their places, regions and countries; the twinning records."""

    activities: pd.DataFrame        # ACTIVITY_COLUMNS + origin, origins, registry_ids, shown
    #                                 (dashboard.registry.origins); start/end as datetime64; positional index
    places: pd.DataFrame            # activity_id, place_id
    regions: pd.DataFrame           # activity_id, region_id
    countries: pd.DataFrame         # activity_id, iso3 (every country involved)
    twinning_records: pd.DataFrame  # RECORD_COLUMNS
    version: int = 0
    sectors: pd.DataFrame = field(default_factory=lambda: _empty_sectors())  # activity_id, sector

    @cached_property
    def data_version(self) -> str:
        """The registry's version number and a digest of the frames (dashboard.memo): two registries (or
        frames built by hand) at the same version number still differ."""
        return f"registry:{self.version}:" + frames_digest(self.activities, self.places, self.regions,
                                                            self.countries, self.twinning_records,
                                                            self.sectors)

    @cached_property
    def start_years(self) -> np.ndarray:
        """The start year of each activity (row order of `activities`): the year filter's index, made once."""
        return self.activities["start_date"].dt.year.to_numpy()

    def has_status(self, statuses: tuple[str, ...]) -> np.ndarray:
        """Which activities have one of `statuses` (as statuses.counted, through codes made once per load)."""
        codes, known = self._status_codes
        return np.isin(codes, np.flatnonzero(known.isin(list(statuses))))

    @cached_property
    def _status_codes(self) -> tuple[np.ndarray, pd.Index]:
        codes, known = pd.factorize(self.activities["status"].astype(object))
        return codes, pd.Index(known)

    def activity_rows(self, links: str) -> np.ndarray:
        """For each row of the link table `links` (places, regions, countries or sectors): the position of its
        activity in `activities`, -1 for none; made once per table, so selecting the links of a view is a
        lookup, not a search."""
        return self._activity_rows[links]

    @cached_property
    def _activity_rows(self) -> dict[str, np.ndarray]:
        position = pd.Index(self.activities["activity_id"].to_numpy())
        return {name: position.get_indexer(getattr(self, name)["activity_id"].to_numpy())
                for name in ("places", "regions", "countries", "sectors")}

    @classmethod
    def empty(cls) -> ActivityFrames:
        return frames_of(pd.DataFrame(columns=ACTIVITY_COLUMNS), pd.DataFrame(columns=["activity_id", "place_id"]),
                         pd.DataFrame(columns=["activity_id", "region_id"]),
                         pd.DataFrame(columns=["activity_id", "iso3"]), pd.DataFrame(columns=RECORD_COLUMNS))


def _empty_sectors() -> pd.DataFrame:
    return pd.DataFrame({"activity_id": pd.Series(dtype="int64"), "sector": pd.Series(dtype="string")})


def frames_of(activities: pd.DataFrame, places: pd.DataFrame, regions: pd.DataFrame, countries: pd.DataFrame,
              records: pd.DataFrame, version: int = 0, sectors: pd.DataFrame | None = None) -> ActivityFrames:
    """Frames with clean dtypes (from SQL or built by hand in tests: without a status, activities are held)."""
    activities = activities.reset_index(drop=True).copy()
    if "status" not in activities:
        activities["status"] = "held"
    activities["status"] = activities["status"].fillna("held").astype(object)
    activities["activity_id"] = activities["activity_id"].astype("int64")
    for column in ("start_date", "end_date"):
        activities[column] = pd.to_datetime(activities[column]).astype("datetime64[ns]")
    for column in ("twinning_a", "twinning_b"):
        activities[column] = activities[column].astype("Int64")
    activities["is_sample"] = activities["is_sample"].fillna(False).astype(bool)
    places = places.astype({"activity_id": "int64", "place_id": "int64"})
    regions = regions.astype({"activity_id": "int64", "region_id": "string"})
    countries = countries.astype({"activity_id": "int64", "iso3": "string"})
    records = records.copy()
    for column in ("place_a", "place_b"):
        records[column] = records[column].astype("int64")
    records["year_signed"] = records["year_signed"].astype("Int64")
    sectors = _empty_sectors() if sectors is None else sectors.astype({"activity_id": "int64", "sector": "string"})
    activities = with_origins(activities, places, regions, countries)
    return ActivityFrames(activities, places, regions, countries, records, version, sectors)


def read_frames(engine) -> ActivityFrames:
    version = registry_version(engine)
    with engine.connect() as connection:
        activities = pd.read_sql_query(
            f"SELECT {', '.join(ACTIVITY_COLUMNS)} FROM activities WHERE NOT withdrawn ORDER BY activity_id",
            connection)
        live = "activity_id IN (SELECT activity_id FROM activities WHERE NOT withdrawn)"
        places = pd.read_sql_query(f"SELECT activity_id, place_id FROM activity_places WHERE {live}", connection)
        regions = pd.read_sql_query(f"SELECT activity_id, region_id FROM activity_regions WHERE {live}",
                                    connection)
        countries = pd.read_sql_query(f"SELECT activity_id, iso3 FROM activity_countries WHERE {live}",
                                      connection)
        records = pd.read_sql_query(f"SELECT {', '.join(RECORD_COLUMNS)} FROM twinning_records", connection)
        sectors = pd.read_sql_query(f"SELECT activity_id, sector FROM activity_sectors WHERE {live}", connection)
    return frames_of(activities, places, regions, countries, records, version, sectors)


_cache: dict[str, ActivityFrames] = {}
_lock = threading.Lock()


def current_frames(url: str | None = None) -> ActivityFrames:
    """The registry at `url` (default: the configured one) as frames, re-read when it has changed."""
    engine = registry_engine(url)
    key = str(engine.url)
    version = registry_version(engine)
    cached = _cache.get(key)
    if cached is not None and cached.version == version:
        return cached
    with _lock:
        cached = _cache.get(key)
        if cached is None or cached.version != version:
            cached = read_frames(engine)
            _cache[key] = cached
    return cached
