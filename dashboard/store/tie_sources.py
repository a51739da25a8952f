"""The project's own cited tables of ties (data/): cities' published twin-city lists, twinnings signed in
2023-2025 and ties suspended or ended since 2022, read into the store's twinning sources.

Every row names its places by id (matched by hand against the store, see tests/test_ties_tables.py); a list
item without a place id goes to the review table with the reason written in the list, never on a guess.

- `tie_links`: one row per (source row, place pair): kind ('city_list', 'agreement', 'status_change'),
  the source's address, its date, and what it says about the tie (signed, status, changed).
- `list_review`: the list items that name no single place, as twinning_review rows.
- `list_coverage`: per listing city (all its lists together: no partner is listed twice), how many of its listed partners the store held before the lists
  were merged (from Wikipedia and Wikidata), how many the lists added, how many await review.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard import settings
from geo.tables import read_csv_checked

DATA = settings.PROJECT_ROOT / "data"
CITY_LISTS = DATA / "twin_city_lists.csv"
SIGNINGS = DATA / "twinnings_signed_2023_2025.csv"
STATUS_CHANGES = DATA / "twinning_status_changes.csv"
PROJECT_TABLES = (CITY_LISTS, SIGNINGS, STATUS_CHANGES)

LIST_COLUMNS = ["city_place_id", "city_name_en", "list_url", "list_date", "partner_name_as_listed",
                "partner_country_iso3", "partner_place_id", "since", "in_store", "review_reason"]
SIGNING_COLUMNS = ["place_a_id", "place_a_name", "place_b_id", "place_b_name", "kind", "signed", "source",
                   "note"]
CHANGE_COLUMNS = ["place_a_id", "place_a_name", "place_b_id", "place_b_name", "status", "changed",
                  "decided_by", "source", "note"]

#: a tie's statuses: active (a source lists it, nothing says otherwise), suspended, ended, unknown
STATUSES = ("active", "suspended", "ended", "unknown")
LINK_COLUMNS = ["kind", "source_row", "place_a", "place_b", "url", "source_date", "signed", "status",
                "changed", "note"]
_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_ACCESSED = re.compile(r"accessed (\d{4}-\d{2})")


def date_precision(text) -> str | None:
    """'year', 'month' or 'day' for '2023', '2023-09', '2023-09-11'; None for anything else."""
    if not isinstance(text, str) or not _PARTIAL_DATE.fullmatch(text):
        return None
    return {4: "year", 7: "month", 10: "day"}[len(text)]


def partial_date(text) -> str | None:
    """The date of a source ('2022-12-15', '2021-05', 'accessed 2026-12'), as YYYY[-MM[-DD]], or None."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    accessed = _ACCESSED.fullmatch(text)
    if accessed:
        return accessed.group(1)
    return text if date_precision(text) else None


def earliest_day(text: pd.Series) -> pd.Series:
    """The first day a partial date can mean ('2023' -> '2023-01-01', '2023-09' -> '2023-09-01'); NA for none."""
    text = text.astype("string")
    length = text.str.len()
    return text.mask(length == 4, text + "-01-01").mask(length == 7, text + "-01")


def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    frame = read_csv_checked(path, columns)
    frame["source_row"] = np.arange(2, len(frame) + 2)
    return frame


def read_city_lists(path: Path = CITY_LISTS) -> pd.DataFrame:
    return _read(path, LIST_COLUMNS)


def read_signings(path: Path = SIGNINGS) -> pd.DataFrame:
    return _read(path, SIGNING_COLUMNS)


def read_status_changes(path: Path = STATUS_CHANGES) -> pd.DataFrame:
    return _read(path, CHANGE_COLUMNS)


def _ids(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values.replace("", pd.NA), errors="coerce").astype("Int64")


def _ordered(frame: pd.DataFrame, a: pd.Series, b: pd.Series) -> pd.DataFrame:
    frame = frame.copy()
    frame["place_a"] = np.minimum(a.to_numpy(dtype="int64"), b.to_numpy(dtype="int64"))
    frame["place_b"] = np.maximum(a.to_numpy(dtype="int64"), b.to_numpy(dtype="int64"))
    return frame


def tie_links(lists: pd.DataFrame, signings: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """One row per source row naming a pair of places (place_a < place_b), see LINK_COLUMNS."""
    listed = lists[_ids(lists["partner_place_id"]).notna()]
    from_lists = _ordered(listed, _ids(listed["city_place_id"]), _ids(listed["partner_place_id"])).assign(
        kind="city_list", url=listed["list_url"], source_date=listed["list_date"].map(partial_date),
        signed=listed["since"].map(partial_date), status="active", changed=None,
        note=listed["partner_name_as_listed"])
    from_signings = _ordered(signings, _ids(signings["place_a_id"]), _ids(signings["place_b_id"])).assign(
        kind="agreement", url=signings["source"], source_date=signings["signed"].map(partial_date),
        signed=signings["signed"].map(partial_date), status="active", changed=None,
        note=signings["kind"] + ": " + signings["note"])
    from_changes = _ordered(changes, _ids(changes["place_a_id"]), _ids(changes["place_b_id"])).assign(
        kind="status_change", url=changes["source"], source_date=changes["changed"].map(partial_date),
        signed=None, status=changes["status"], changed=changes["changed"].map(partial_date),
        note="decided by " + changes["decided_by"] + ": " + changes["note"])
    links = pd.concat([from_lists[LINK_COLUMNS], from_signings[LINK_COLUMNS], from_changes[LINK_COLUMNS]],
                      ignore_index=True)
    links = links[links["place_a"] != links["place_b"]]
    return links.astype({"place_a": "int64", "place_b": "int64"}).reset_index(drop=True)


def list_review(lists: pd.DataFrame) -> pd.DataFrame:
    """List items naming no single place, as twinning_review rows (source 'city_list')."""
    open_items = lists[_ids(lists["partner_place_id"]).isna()]
    return pd.DataFrame({
        "source": "city_list", "source_row": open_items["source_row"].to_numpy(),
        "city_a": open_items["city_name_en"].to_numpy(), "country_a": None,
        "city_b": open_items["partner_name_as_listed"].to_numpy(),
        "country_b": open_items["partner_country_iso3"].to_numpy(),
        "reason": (open_items["review_reason"].where(open_items["review_reason"] != "",
                                                     "names no single place")
                   + " (list: " + open_items["list_url"] + ")").to_numpy(),
    })


def list_coverage(lists: pd.DataFrame, public_pairs: set[tuple[int, int]],
                  places: pd.DataFrame) -> pd.DataFrame:
    """Per listing city: listed partners, those matched to a place, those the public sources (Wikipedia,
    Wikidata) already had, those the list added, those awaiting review, and the coverage in per cent
    (already held / listed). `public_pairs` holds (smaller id, larger id) pairs."""
    frame = lists.copy()
    city = _ids(frame["city_place_id"])
    partner = _ids(frame["partner_place_id"])
    frame["matched"] = partner.notna().to_numpy()
    pair_keys = [(min(int(a), int(b)), max(int(a), int(b))) if pd.notna(b) else None
                 for a, b in zip(city, partner)]
    frame["held"] = [key in public_pairs if key else False for key in pair_keys]
    frame["city_place_id"] = city.astype("int64")
    frame["list_date"] = frame["list_date"].map(partial_date)
    grouped = frame.groupby("city_place_id", sort=True).agg(
        city_name_en=("city_name_en", "first"),
        list_url=("list_url", lambda urls: " ".join(sorted(set(urls)))),
        list_date=("list_date", lambda dates: max((d for d in dates if d), default=None)),
        listed=("source_row", "size"), matched=("matched", "sum"), held=("held", "sum"))
    grouped = grouped.reset_index()
    grouped["added"] = grouped["matched"] - grouped["held"]
    grouped["review"] = grouped["listed"] - grouped["matched"]
    grouped["coverage_pct"] = (100.0 * grouped["held"] / grouped["listed"]).round(1)
    grouped["iso3"] = grouped["city_place_id"].map(places.set_index("place_id")["iso3"])
    grouped.insert(0, "coverage_id", np.arange(1, len(grouped) + 1))
    return grouped[["coverage_id", "city_place_id", "city_name_en", "iso3", "list_url", "list_date", "listed",
                    "matched", "held", "added", "review", "coverage_pct"]]


def coverage_by_country(coverage: pd.DataFrame) -> pd.DataFrame:
    """The coverage of the cities' lists summed per country of the listing city."""
    totals = coverage.groupby("iso3", as_index=False)[["listed", "matched", "held", "added", "review"]].sum()
    totals["cities"] = coverage.groupby("iso3")["city_place_id"].nunique().reindex(totals["iso3"]).to_numpy()
    totals["coverage_pct"] = (100.0 * totals["held"] / totals["listed"]).round(1)
    return totals.sort_values("iso3", ignore_index=True)
