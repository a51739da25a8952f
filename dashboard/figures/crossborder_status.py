"""A cross-border grouping's status as a line of text: "Suspended since 4 March 2022",
"Приостановлен с 4 марта 2022 г.", "Active; last reported 11 November 2025"."""

from __future__ import annotations

from dashboard.i18n import format_date, t

STATUSES = ("active", "suspended", "dissolved", "unknown")


def status_line(status: str | None, status_date: str | None, lang: str) -> str:
    """The status (active, suspended, dissolved, unknown) with the day of the last change, in `lang`."""
    status = status if status in STATUSES else "unknown"  # a store built before the statuses had dates
    if status_date:
        return t(f"corridors.status_dated.{status}", lang, date=format_date(status_date, lang))
    return t(f"corridors.status.{status}", lang)
