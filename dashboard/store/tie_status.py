"""Which ties a view shows by their life: the status filter and the signing-date filter (`status`, `since`
of dashboard.state), and the counts per status that the map and the KPI strip show beside them. Pure."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.store.tie_sources import earliest_day

#: the statuses each choice of the `status` filter shows
SHOWN = {"active": ("active", "unknown"), "inactive": ("suspended", "ended"), "suspended": ("suspended",),
         "ended": ("ended",), "all": ("active", "unknown", "suspended", "ended")}
#: the statuses drawn apart from the active ties (a colour and a dash each, see figures.map_network)
INACTIVE = ("suspended", "ended")


def status_mask(status: pd.Series | np.ndarray, choice: str) -> np.ndarray:
    """Ties whose status the `status` filter's choice shows ('active' also shows 'unknown')."""
    return pd.Series(np.asarray(status, dtype=object)).isin(SHOWN[choice]).to_numpy()


def since_mask(signed: pd.Series | np.ndarray, since: str | None) -> np.ndarray:
    """Ties surely signed on or after `since`: the earliest day their signing date can mean is not before
    the earliest day of `since` ('2023' keeps a tie signed '2023-02', not one signed '2022' or undated)."""
    signed = pd.Series(np.asarray(signed, dtype=object))
    if since is None:
        return np.ones(len(signed), dtype=bool)
    first = earliest_day(pd.Series([since])).iloc[0]
    days = earliest_day(signed.where(signed.notna(), None))
    return (days.fillna("") >= first).to_numpy() & signed.notna().to_numpy()


def status_counts(status: pd.Series | np.ndarray) -> dict[str, int]:
    """Ties per status: active (with unknown), suspended, ended."""
    values = pd.Series(np.asarray(status, dtype=object))
    return {"active": int(values.isin(SHOWN["active"]).sum()), "suspended": int((values == "suspended").sum()),
            "ended": int((values == "ended").sum())}
