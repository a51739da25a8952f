"""What the record holds around an empty selection, so that a zero can say what it means (issue 20).

A zero on a page ("0 twinnings") may mean that the filters leave nothing, that the record holds nothing for
those countries at all, or that the sources were never checked for them. `ties_beyond_filters` counts the ties
of the same countries, regions and pair without the space, status, date, population and border limits;
`lists_checked` says, per country, how many cities' own published twin-city lists were checked and which share
of their partners the public sources already held (the coverage shown on /sources). No Dash, no I/O here: the
coverage frame comes from dashboard.store.list_coverage.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.state import ViewState
from dashboard.store import queries

#: the filters that limit which ties are shown without naming whose ties they are: an empty selection is asked
#: again without them
LIMITS = {"space": "world", "on": None, "status": "all", "since": None, "min_population": 0, "border_only": False}


def subject_countries(state: ViewState) -> tuple[str, ...]:
    """The countries a selection is about: the pair under "between two countries", else the chosen countries."""
    if state.link_scope == "between" and state.pair:
        return tuple(state.pair)
    return tuple(state.countries)


def without_limits(state: ViewState) -> ViewState:
    """`state` asking for every tie of its countries, regions and pair whatever its space, status, date or size."""
    return state.replace(**LIMITS)


def ties_beyond_filters(catalog, state: ViewState) -> int:
    """The ties of the selection's countries, regions and pair that the record holds without the limits."""
    return int(queries.filtered_view(catalog, without_limits(state)).kpis["twinnings"])


@dataclass(frozen=True)
class ListsChecked:
    """The cities' own twin-city lists checked for one country."""

    iso3: str
    cities: int  #: cities whose own list was checked (0: none)
    coverage_pct: float | None  #: the share of their listed partners the public sources already held


def lists_checked(by_country: pd.DataFrame, countries: tuple[str, ...]) -> list[ListsChecked]:
    """For each of `countries` (in order), the lists checked: `by_country` is the per-country coverage table."""
    rows = by_country.set_index("iso3") if "iso3" in by_country.columns and not by_country.empty else None
    found = []
    for iso3 in countries:
        if rows is None or iso3 not in rows.index:
            found.append(ListsChecked(iso3, 0, None))
            continue
        row = rows.loc[iso3]
        pct = row.get("coverage_pct")
        found.append(ListsChecked(iso3, int(row.get("cities") or 0), None if pd.isna(pct) else float(pct)))
    return found
