"""A tie's life on a card or in a table: its signing date and status (dashboard.figures.ties.life_text) and a
link to the source that states the status. Used by the map's city card and the city profile's twins."""

from __future__ import annotations

from urllib.parse import urlparse

from dash import html

from dashboard.figures.ties import life_text
from dashboard.i18n import t

__all__ = ["life_text", "source_link"]


def source_link(row, lang: str, class_name: str = "tie-source") -> html.A | None:
    """A link to the address stating the tie's status (its host as the text), or None without one."""
    url = getattr(row, "status_source", None)
    if not isinstance(url, str) or not url:
        return None
    host = urlparse(url).netloc.removeprefix("www.")
    return html.A(t("ties.source", lang, host=host), href=url, target="_blank", rel="noopener noreferrer",
                  className=class_name, title=url)
