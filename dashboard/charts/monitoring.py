"""The monitoring charts and tables, declared once: the /monitoring page, the state-of-ties report and
/api/v1/monitoring/ties ask these presenters (and `monitoring_data`) for the same numbers.

Arguments (Request.args, the page's URL keys and the CLI's options alike):
    countries   one or two ISO3 codes, comma-separated ("RUS,BLR")
    regions     one or two region ids instead; place: one place id instead
    from, to    the period (ISO dates; default: since the last meeting of the pair, to today)
    dormant     N, the years without activity that make a tie dormant (default 3)
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping
from typing import Any

import pandas as pd
from cachetools import LRUCache

from dashboard.charts.presenter import ACTIVITY_DATASETS, Presenter, Request, UnknownChart, register
from dashboard.figures import monitoring as figures
from dashboard.i18n import format_date, t
from dashboard.registry.database import registry_engine, registry_version
from dashboard.registry.meetings import meetings_frame, seed_meetings
from dashboard.registry.monitoring_summary import TiesMonitoring, default_period, monitoring_for
from dashboard.registry.monitoring_ties import DORMANT_YEARS, Space
from dashboard.registry.plans import read_plans
from dashboard.registry.sectors import sector_label
from dashboard.registry.service import live_frames
from dashboard.store import queries

MAX_DORMANT_YEARS = 20
_cache: LRUCache = LRUCache(maxsize=16)
_lock = threading.Lock()


class BadArguments(UnknownChart):
    """The arguments do not describe a space and a period (the message says what to change)."""


def _date(value: object, name: str) -> dt.date | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadArguments(f"{name}: {text!r} is not a date (YYYY-MM-DD)") from None


def space_of(args: Mapping[str, Any], catalog) -> Space:
    """The space the arguments name; BadArguments for unknown countries, regions or places."""
    countries = tuple(c.strip().upper() for c in str(args.get("countries") or "").split(",") if c.strip())
    regions = tuple(r.strip() for r in str(args.get("regions") or "").split(",") if r.strip())
    place = str(args.get("place") or "").strip()
    known = set(catalog.countries["iso3"])
    if unknown := [c for c in countries if c not in known]:
        raise BadArguments(f"countries: unknown ISO3 code(s) {', '.join(unknown)}")
    if unknown := [r for r in regions if r not in set(catalog.regions["region_id"])]:
        raise BadArguments(f"regions: unknown region id(s) {', '.join(unknown)}")
    if place and (not place.isdigit() or int(place) not in set(catalog.places["place_id"])):
        raise BadArguments(f"place: {place!r} is not a place id of the store")
    try:
        return Space(countries=countries, regions=regions, place=int(place) if place else None)
    except ValueError as error:
        raise BadArguments(str(error)) from None


def _registry_parts(catalog):
    engine = registry_engine()
    seed_meetings(engine)
    frames = live_frames(catalog)
    return engine, frames


def monitoring_data(catalog, args: Mapping[str, Any], today: dt.date | None = None) -> TiesMonitoring:
    """TiesMonitoring for the arguments (see the module doc), memoised per data version and arguments."""
    space = space_of(args, catalog)
    try:
        dormant = int(str(args.get("dormant") or DORMANT_YEARS))
    except ValueError:
        raise BadArguments(f"dormant: {args.get('dormant')!r} is not a whole number of years") from None
    if not 1 <= dormant <= MAX_DORMANT_YEARS:
        raise BadArguments(f"dormant: between 1 and {MAX_DORMANT_YEARS} years")
    engine, frames = _registry_parts(catalog)
    key = (catalog.data_version, frames.data_version, registry_version(engine), space, str(args.get("from") or ""),
           str(args.get("to") or ""), dormant, today)
    with _lock:
        cached = _cache.get(key)
    if cached is not None:
        return cached
    meetings = meetings_frame(engine)
    countries = space.countries or tuple(sorted(set(catalog.places.loc[
        catalog.places["place_id"].eq(space.place) if space.place is not None
        else catalog.places["region_id"].isin(space.regions), "iso3"])))
    start_default, end_default = default_period(meetings, countries, today)
    start = _date(args.get("from"), "from") or start_default
    end = _date(args.get("to"), "to") or end_default
    if end < start:
        raise BadArguments("the period ends before it starts: `to` must not be before `from`")
    data = monitoring_for(catalog, frames, read_plans(engine), meetings, space, start, end, dormant_years=dormant)
    with _lock:
        _cache[key] = data
    return data


# ---- named tables (what the page's grids, the report and the CSV show) ----------------------------------------

def _names(catalog, lang: str) -> pd.Series:
    return pd.Series(queries.localized(catalog.places, lang).to_numpy(), index=catalog.places["place_id"].to_numpy())


def space_name(space: Space, catalog, lang: str) -> str:
    if space.place is not None:
        return str(_names(catalog, lang).get(space.place, space.place))
    if space.regions:
        regions = pd.Series(queries.localized(catalog.regions, lang).to_numpy(), index=catalog.regions["region_id"])
        return " – ".join(str(regions.get(r, r)) for r in space.regions)
    countries = pd.Series(queries.localized(catalog.countries, lang).to_numpy(), index=catalog.countries["iso3"])
    return " – ".join(str(countries.get(c, c)) for c in space.countries)


def _day(value, lang: str, precision: str = "day") -> str:
    """A date in the language's words; a month or a year alone when that is all that is known."""
    if value is None or pd.isna(value):
        return ""
    day = pd.Timestamp(value).date()
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return format_date(f"{day.year:04d}-{day.month:02d}", lang)
    return format_date(day, lang)


def reason_text(row: Mapping, lang: str, dormant_years: int, title: str = "") -> str:
    reason = row["reason"]
    date = _day(row.get("reason_date"), lang)
    if reason == "ended":
        status = t(f"tie.reason.ended_status.{row.get('ended_status') or 'suspended'}", lang)
        return t("tie.reason.ended", lang, status=status, date=date, by=row.get("reason_text") or "—")
    return t(f"tie.reason.{reason}", lang, date=date, title=title, years=dormant_years)


def ties_table(data: TiesMonitoring, catalog, lang: str) -> pd.DataFrame:
    """One row per tie, most alive first: names, countries, coordinates, state, reason, dates, counts."""
    names = _names(catalog, lang)
    places = catalog.places.set_index("place_id")
    ties = data.ties
    order = {state: i for i, state in enumerate(("active", "renewed", "quiet", "ended", "dormant"))}
    table = pd.DataFrame({
        "place_a": ties["place_a"].to_numpy(), "place_b": ties["place_b"].to_numpy(),
        "name_a": ties["place_a"].map(names).fillna(ties["place_a"].astype(str)).to_numpy(),
        "name_b": ties["place_b"].map(names).fillna(ties["place_b"].astype(str)).to_numpy(),
        "iso3_a": ties["place_a"].map(places["iso3"]).to_numpy(),
        "iso3_b": ties["place_b"].map(places["iso3"]).to_numpy(),
        "lon_a": ties["place_a"].map(places["lon"]).to_numpy(), "lat_a": ties["place_a"].map(places["lat"]).to_numpy(),
        "lon_b": ties["place_b"].map(places["lon"]).to_numpy(), "lat_b": ties["place_b"].map(places["lat"]).to_numpy(),
        "state": ties["state"].to_numpy(),
        "state_label": [t(f"tie.state.{s}", lang) for s in ties["state"]],
        "reason": [reason_text(row, lang, data.dormant_years, data.title_of(row.get("last_activity_id"), lang))
                   for row in ties.to_dict("records")],
        "agreement": [_day(v, lang) for v in ties["agreement_date"]],
        "last_activity": [_day(v, lang) for v in ties["last_activity"]],
        "last_title": [data.title_of(aid, lang) for aid in ties["last_activity_id"]],
        "activities_in_period": ties["activities_in_period"].to_numpy(),
        "new": ties["new"].to_numpy(dtype=bool),
        "_order": ties["state"].map(order).to_numpy(), "_last": ties["last_activity"].to_numpy(),
    })
    table["tie"] = table["name_a"].astype(str) + " – " + table["name_b"].astype(str)
    table = table.sort_values(["_order", "_last", "tie"], ascending=[True, False, True], na_position="last")
    return table.drop(columns=["_order", "_last"]).reset_index(drop=True)


def activities_table(data: TiesMonitoring, lang: str) -> pd.DataFrame:
    acts = data.activities
    sectors = data.sectors.groupby("activity_id")["sector"].agg(list)
    return pd.DataFrame({
        "activity_id": acts["activity_id"].to_numpy(),
        "date": [_day(v, lang, p) for v, p in zip(acts["start_date"], acts["date_precision"])],
        "title": [data.title_of(aid, lang) for aid in acts["activity_id"]],
        "type": [t(f"activity.type.{code}", lang) for code in acts["activity_type"]],
        "sector": ["; ".join(sector_label(code, lang) for code in sectors.get(aid, [])) or sector_label(None, lang)
                   for aid in acts["activity_id"]],
        "status": [t(f"activity.status.{s}", lang) + (" · " + t("activity.overdue_report", lang) if overdue else "")
                   for s, overdue in zip(acts["status"], acts["overdue_report"])],
        "status_code": acts["status"].to_numpy(),
        "overdue_report": acts["overdue_report"].to_numpy(dtype=bool),
        "source": acts["source_url"].fillna("").to_numpy(),
    })


def plan_table(data: TiesMonitoring, lang: str) -> pd.DataFrame:
    items = data.plan_items
    if items.empty:
        return pd.DataFrame(columns=["item_id", "item", "sector", "responsible", "due", "fact", "state",
                                     "state_code", "sector_code", "indicator", "due_from_iso", "due_to_iso",
                                     "target"])
    due = []
    for start, end in zip(items["due_from"], items["due_to"]):
        parts = [_day(v, lang) for v in (start, end) if v is not None and not pd.isna(v)]
        due.append(" – ".join(parts))
    return pd.DataFrame({
        "item_id": items["item_id"].to_numpy(), "item": items["text"].to_numpy(),
        "sector": [sector_label(code if isinstance(code, str) else None, lang) for code in items["sector"]],
        "responsible": items["responsible"].fillna("").to_numpy(), "due": due,
        "fact": [f"{held} / {int(target) if pd.notna(target) else 1}"
                 for held, target in zip(items["held"], items["target"], strict=True)],
        "state": [t(f"plan.state.{s}", lang) for s in items["state"]], "state_code": items["state"].to_numpy(),
        # the raw values an editor corrects in place (POST /api/v1/monitoring/plan-items/<id>)
        "sector_code": items["sector"].fillna("").to_numpy(), "indicator": items["indicator"].fillna("").to_numpy(),
        "due_from_iso": [v.date().isoformat() if pd.notna(v) else "" for v in items["due_from"]],
        "due_to_iso": [v.date().isoformat() if pd.notna(v) else "" for v in items["due_to"]],
        "target": [int(v) if pd.notna(v) else "" for v in items["target"]],
    })


# ---- presenters -------------------------------------------------------------------------------------------------

#: the space a chart shows when neither its arguments nor the view state name one
DEFAULT_COUNTRIES = ("RUS", "BLR")


def request_args(request: Request) -> dict:
    """The request's arguments, the space taken from the view state's countries (or the default pair)
    when the arguments name none (an export from a page URL, a chart asked without arguments)."""
    args = dict(request.args)
    if not any(args.get(key) for key in ("countries", "regions", "place")):
        chosen = request.state.countries if 1 <= len(request.state.countries) <= 2 else DEFAULT_COUNTRIES
        args["countries"] = ",".join(chosen)
    return args


def _query(request: Request) -> TiesMonitoring:
    return monitoring_data(request.catalog, request_args(request))


def _ties_query(request: Request) -> pd.DataFrame:
    return ties_table(_query(request), request.catalog, request.lang)


register(Presenter(
    id="monitoring-ties-map", title_key="monitoring.chart.map", caption_key="report.map_caption",
    query=_ties_query, build=lambda table, state, lang: figures.ties_map(table, lang),
    table=lambda table, request: (table.drop(columns=["lon_a", "lat_a", "lon_b", "lat_b"]), {}),
    datasets=(*ACTIVITY_DATASETS, "wikipedia", "wikidata")))
register(Presenter(
    id="monitoring-sectors", title_key="monitoring.chart.sectors", query=_query,
    build=lambda data, state, lang: figures.sectors_by_year(data.by_sector(), lang),
    table=lambda data, request: (data.by_sector(), data.summary()), datasets=ACTIVITY_DATASETS))
register(Presenter(
    id="monitoring-years", title_key="monitoring.chart.years", query=_query,
    build=lambda data, state, lang: figures.activities_by_year(data.by_year(), lang),
    table=lambda data, request: (data.by_year(), data.summary()), datasets=ACTIVITY_DATASETS))
register(Presenter(
    id="monitoring-plan", title_key="monitoring.plan_table", query=_query,
    table=lambda data, request: (plan_table(data, request.lang), data.summary()),
    datasets=("registry",), formats=("csv", "xlsx")))
register(Presenter(
    id="monitoring-activities", title_key="report.h.activities", query=_query,
    table=lambda data, request: (activities_table(data, request.lang), data.summary()),
    datasets=("registry",), formats=("csv", "xlsx")))
