"""Flat, named tables of the registry for the page's grids, the CSV/JSON API and exports.

Pure functions of (frames, catalogue, state, language). The monitoring table covers the twinnings the
global filters select on the map (`queries.filtered_view(...).links`, reused) plus the registry's own
records of twinnings whose places pass the filters (e.g. proposed ones the public data lacks); sample
activities count only when the state includes sample data; the year range does not apply (monitoring
looks back from `as_of`); a tie's life is its held activities (planned ones give its next activity), whatever
statuses the Activities page counts.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from dashboard.i18n import t
from dashboard.memo import VersionedMemo
from dashboard.registry import monitoring
from dashboard.registry.frames import ActivityFrames
from dashboard.registry.monitoring_summary import titles_of
from dashboard.registry.service import live_frames
from dashboard.registry.statuses import overdue_report
from dashboard.registry.views import ActivityView, activities_in_view, key_figures, planned_figures
from dashboard.state import ViewState
from dashboard.store import queries


def place_names(catalog, lang: str) -> pd.Series:
    """Localised place name indexed by place_id."""
    places = catalog.places
    return pd.Series(queries.localized(places, lang).to_numpy(), index=places["place_id"].to_numpy())


def _joined(links: pd.DataFrame, key: str, value: str, names: pd.Series | None, ids: np.ndarray) -> pd.Series:
    frame = links.loc[links[key].isin(ids), [key, value]].copy()
    if names is not None:
        frame[value] = frame[value].map(names).fillna(frame[value].astype(str))
    joined = frame.astype({value: str}).groupby(key)[value].agg(lambda v: "; ".join(sorted(v)))
    return pd.Series(ids).map(joined).fillna("").to_numpy()


def activities_table(view: ActivityView, catalog, lang: str = "en", limit: int | None = None) -> pd.DataFrame:
    """One row per activity in view, newest first, with names in `lang` (the newest `limit` only)."""
    acts = view.activities.sort_values(["start_date", "activity_id"], ascending=[False, False])
    if limit is not None:
        acts = acts.head(limit)
    ids = acts["activity_id"].to_numpy()
    names = place_names(catalog, lang)
    regions = pd.Series(queries.localized(catalog.regions, lang).to_numpy(), index=catalog.regions["region_id"])

    pair_a = acts["twinning_a"].map(names)
    pair_b = acts["twinning_b"].map(names)
    twinning = (pair_a.astype(str) + " – " + pair_b.astype(str)).where(pair_a.notna() & pair_b.notna(), "")

    table = pd.DataFrame({
        "activity_id": ids,
        "title": titles_in(acts, lang),
        "type": [t(f"activity.type.{code}", lang) for code in acts["activity_type"]],
        "type_code": acts["activity_type"].to_numpy(),
        "start_date": acts["start_date"].dt.strftime("%Y-%m-%d").to_numpy(),
        "end_date": acts["end_date"].dt.strftime("%Y-%m-%d").to_numpy(),
        "date_precision": acts["date_precision"].to_numpy(),
        "places": _joined(view.places, "activity_id", "place_id", names, ids),
        "place_ids": _joined(view.places, "activity_id", "place_id", None, ids),
        "regions": _joined(view.regions, "activity_id", "region_id", regions, ids),
        "countries": _joined(view.countries, "activity_id", "iso3", None, ids),
        "twinning": twinning.to_numpy(),
        "corridor_id": acts["corridor_id"].fillna("").to_numpy(),
        "organiser": acts["organiser"].fillna("").to_numpy(),
        "source_url": acts["source_url"].fillna("").to_numpy(),
        "notes": acts["notes"].fillna("").to_numpy(),
        "sample": acts["is_sample"].to_numpy(dtype=bool),
        "origin": _column(acts, "origins", "registry"),
        "status": acts["status"].to_numpy(dtype=object),
        "overdue_report": overdue_report(acts["status"], acts["end_date"]).to_numpy(dtype=bool),
        "registry_ids": _column(acts, "registry_ids", ""),
    })
    return table.sort_values(["start_date", "activity_id"], ascending=[False, False], ignore_index=True)


def titles_in(acts: pd.DataFrame, lang: str) -> np.ndarray:
    """The activities' titles in `lang` where the record gives one (title_ru / title_zh, kept in the notes
    of imported events), else as recorded."""
    if lang not in ("ru", "zh") or acts.empty:
        return acts["title"].to_numpy()
    local = titles_of(acts)[f"title_{lang}"]
    return local.where(local.notna(), acts["title"].to_numpy()).to_numpy(dtype=object)


def _column(acts: pd.DataFrame, name: str, default: str) -> np.ndarray:
    return acts[name].fillna(default).to_numpy(dtype=object) if name in acts else np.full(len(acts), default, object)


def monitored_pairs(frames: ActivityFrames, catalog, state: ViewState) -> pd.DataFrame:
    """The twinnings the filters select (see module doc), as monitoring.twinning_pairs rows."""
    view = queries.filtered_view(catalog, state)
    pairs = monitoring.twinning_pairs(catalog.twinnings, frames.twinning_records)
    keep = pairs["twinning_id"].isin(view.links["twinning_id"]).fillna(False).to_numpy(dtype=bool)
    registry_only = pairs["twinning_id"].isna().to_numpy()
    if registry_only.any():
        if queries.has_place_filter(state) or state.link_scope == "between" or view.space is not None:
            place_in = pd.Series(view.place_in, index=catalog.places["place_id"].to_numpy())
            a_in = pairs["place_a"].map(place_in).fillna(False).to_numpy(dtype=bool)
            b_in = pairs["place_b"].map(place_in).fillna(False).to_numpy(dtype=bool)
            keep |= registry_only & (a_in | b_in)
        else:
            keep |= registry_only
    return pairs[keep].reset_index(drop=True)


def monitoring_of(frames: ActivityFrames, catalog, state: ViewState, as_of: dt.date | None = None
                  ) -> pd.DataFrame:
    """monitoring.monitoring_table for the twinnings in view and the activities the state counts (cached per
    frames and catalogue version, the fields that select and the day)."""
    day = as_of or dt.date.today()
    key = (queries.filter_key(state), state.sample, state.origin, day)
    return _monitoring.get((frames, catalog), key, lambda: _monitoring_of(frames, catalog, state, day))


_monitoring = VersionedMemo(16)
_implied = VersionedMemo(4)


def _monitoring_of(frames: ActivityFrames, catalog, state: ViewState, as_of: dt.date) -> pd.DataFrame:
    counted = state.replace(year_from=None, year_to=None, activity_status=("planned", "held"),
                            **_no_place_filters())
    view = activities_in_view(frames, catalog, counted)
    pairs = monitored_pairs(frames, catalog, state)
    # the pairs of places of the counted activities do not depend on the place filters: made once per view
    implied = _implied.get((frames, catalog), (queries.filter_key(counted), counted.sample, counted.origin),
                           lambda: monitoring.implied_pairs(view.activities, view.places))
    links = monitoring.activity_pairs(view.activities, view.places, pairs, implied=implied)
    return monitoring.monitoring_table(pairs, view.activities, links, as_of)


def _no_place_filters() -> dict:
    """Activities count for a twinning wherever they were held: the filters choose the twinnings."""
    return {"space": "world", "countries": (), "blocs": (), "regions": (), "border_only": False,
            "min_population": 0, "link_scope": "touching", "pair": ()}


def monitoring_export(table: pd.DataFrame, catalog, lang: str = "en") -> pd.DataFrame:
    """The monitoring rows with both places' names and countries and the status label."""
    names = place_names(catalog, lang)
    iso3 = pd.Series(catalog.places["iso3"].to_numpy(), index=catalog.places["place_id"].to_numpy())
    return pd.DataFrame({
        "place_a": table["place_a"].to_numpy(), "name_a": table["place_a"].map(names).to_numpy(),
        "iso3_a": table["place_a"].map(iso3).to_numpy(),
        "place_b": table["place_b"].to_numpy(), "name_b": table["place_b"].map(names).to_numpy(),
        "iso3_b": table["place_b"].map(iso3).to_numpy(),
        "status": table["status"].to_numpy(),
        "status_label": [t(f"monitoring.short.{s}", lang) for s in table["status"]],
        "activity_count": table["activity_count"].to_numpy(),
        "last_activity": table["last_activity"].dt.strftime("%Y-%m-%d").fillna("").to_numpy(),
        "last_title": table["last_title"].fillna("").to_numpy(),
        "next_activity": table["next_activity"].dt.strftime("%Y-%m-%d").fillna("").to_numpy(),
        "months_since": table["months_since"].to_numpy(),
        "recorded_status": table["recorded_status"].fillna("").to_numpy(),
        "year_signed": table["year_signed"].to_numpy(),
        "recorded_by": table["recorded_by"].fillna("").to_numpy(),
    })


# ---- what the API serves ------------------------------------------------------------------------------------

def activities_payload(catalog, state: ViewState, frames: ActivityFrames | None = None
                       ) -> tuple[pd.DataFrame, dict]:
    """(the activities table, meta) for /api/v1/activities: the page's filters, year range, sample switch."""
    frames = frames if frames is not None else live_frames(catalog)
    view = activities_in_view(frames, catalog, state)
    meta = {"filters": state.to_query().lstrip("?"), "includes_sample_data": view.includes_sample,
            "statuses_counted": list(state.activity_status), "key_figures": key_figures(view),
            "planned": planned_figures(frames, catalog, state)}
    return activities_table(view, catalog, state.lang), meta


def monitoring_payload(catalog, state: ViewState, as_of: dt.date | None = None, statuses: tuple[str, ...] = (),
                       frames: ActivityFrames | None = None) -> tuple[pd.DataFrame, dict]:
    """(the monitoring table, meta) for /api/v1/monitoring; `statuses` keeps only those (e.g. dormant)."""
    frames = frames if frames is not None else live_frames(catalog)
    table = monitoring_of(frames, catalog, state, as_of)
    counts = monitoring.status_counts(table)
    if statuses:
        table = monitoring.follow_up(table, statuses)
    meta = {"filters": state.to_query().lstrip("?"), "as_of": (as_of or dt.date.today()).isoformat(),
            "status_counts": counts, "includes_sample_data": bool(state.sample)}
    return monitoring_export(table, catalog, state.lang), meta
