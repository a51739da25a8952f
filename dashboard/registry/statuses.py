"""An activity's status: planned, held, postponed or cancelled, each change dated (activity_status_changes).

A planned activity whose last day has passed and that nobody reported as held (or postponed, or
cancelled) is flagged "overdue report". Counts of what was done count held activities by default;
planned ones are shown as such, postponed and cancelled ones are never counted as done.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from sqlalchemy import insert, select

from dashboard.registry.schema import activity_status_changes
from dashboard.registry.vocabulary import folded
from dashboard.state import ACTIVITY_STATUSES as ACTIVITY_STATUSES  # re-exported: the registry's vocabulary
from dashboard.state import COUNTED_ACTIVITY_STATUSES

DEFAULT_STATUS = "held"
#: what the counts of done work count unless told otherwise (declared once, with the URL key, in dashboard.state)
COUNTED_BY_DEFAULT: tuple[str, ...] = COUNTED_ACTIVITY_STATUSES

STATUS_SPELLINGS: dict[str, tuple[str, ...]] = {
    "planned": ("planned", "plan", "scheduled", "upcoming", "запланировано", "запланирован", "планируется",
                "план"),
    "held": ("held", "done", "took place", "completed", "проведено", "проведен", "состоялось", "состоялся",
             "прошло", "прошел"),
    "postponed": ("postponed", "moved", "перенесено", "перенесен", "отложено", "отложен"),
    "cancelled": ("cancelled", "canceled", "отменено", "отменен", "отмена"),
}
_INDEX = {folded(word): code for code, words in STATUS_SPELLINGS.items() for word in (code, *words)}


def status_of(text: object) -> str | None:
    """The status code a cell means ('Проведено' -> 'held'), or None."""
    return _INDEX.get(folded(text))


def overdue_report(status: pd.Series, end_date: pd.Series, today: dt.date | None = None) -> pd.Series:
    """True where a planned activity's last day is before `today` (nobody reported what happened)."""
    stamp = pd.Timestamp(today or dt.date.today())
    return (status.astype(object).eq("planned") & (pd.to_datetime(end_date) < stamp)).astype(bool)


def counted(status: pd.Series, statuses: tuple[str, ...] = COUNTED_BY_DEFAULT) -> np.ndarray:
    """The mask of activities the counts count (held ones by default)."""
    return status.astype(object).isin(statuses).to_numpy(dtype=bool)


def record_status_change(connection, activity_id: int, status: str, user: str, *,
                         changed_on: dt.date | None = None, at: dt.datetime | None = None,
                         note: str | None = None) -> None:
    """Keep the date of a status change (inside the caller's transaction)."""
    at = at or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    connection.execute(insert(activity_status_changes).values(
        activity_id=activity_id, status=status, changed_on=changed_on or at.date(), recorded_at=at,
        recorded_by=user, note=note))


def status_history(connection, activity_id: int) -> list[dict]:
    """Every status the activity has had, oldest first: {status, changed_on, recorded_at, recorded_by, note}."""
    rows = connection.execute(select(activity_status_changes).where(
        activity_status_changes.c.activity_id == activity_id).order_by(
        activity_status_changes.c.changed_on, activity_status_changes.c.change_id)).mappings().all()
    return [{key: row[key] for key in ("status", "changed_on", "recorded_at", "recorded_by", "note")} for row in rows]
