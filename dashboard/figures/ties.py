"""A tie's life as text, for hovers, cards and tables: its signing date and, when it is not active, its
status with the date of the change ('signed 11 September 2023', 'Suspended since March 2022'). Pure."""

from __future__ import annotations

from dashboard.i18n import format_date, t


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def life_text(row, lang: str) -> str:
    """The signing date and a status other than active, joined by ' · '; '' for an undated active tie.
    `row` is anything with the attributes signed, status and status_changed (a named tuple, a Series)."""
    parts = []
    signed = _text(getattr(row, "signed", None))
    if signed:
        parts.append(t("ties.signed", lang, date=format_date(signed, lang)))
    status = _text(getattr(row, "status", None)) or "active"
    if status != "active":
        changed = _text(getattr(row, "status_changed", None))
        label = t(f"filters.status.{status}", lang)
        parts.append(t("ties.status_since", lang, status=label, date=format_date(changed, lang))
                     if changed else label)
    return " · ".join(parts)
