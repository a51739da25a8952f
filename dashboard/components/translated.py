"""Text that follows the interface language: `text(key, lang)` and the callback that re-translates it.

A `text` is an html.Span whose id names its message key; when the language changes, one callback
re-renders every such span on the page (shell and page alike) without rebuilding the layout.
"""

from __future__ import annotations

from dash import ALL, Input, Output, State, html

from dashboard.components import ids
from dashboard.i18n import t


def text(key: str, lang: str, slot: str = "", **props) -> html.Span:
    """The message `key` in `lang`, re-translated in place on a language switch.

    `slot` tells apart two spans of the same key on one page (ids must be unique).
    """
    return html.Span(t(key, lang), id={"type": ids.I18N, "key": key, "slot": slot}, **props)


def register_callbacks(app) -> None:
    @app.callback(
        Output({"type": ids.I18N, "key": ALL, "slot": ALL}, "children"),
        Input(ids.UI_LANG, "data"),
        State({"type": ids.I18N, "key": ALL, "slot": ALL}, "id"),
    )
    def retranslate(lang, span_ids):
        return [t(span_id["key"], lang) for span_id in span_ids]

    # the document's language, for screen readers, hyphenation and font fallback
    app.clientside_callback(
        "function (lang) { document.documentElement.lang = lang || 'en'; }",
        Input(ids.UI_LANG, "data"),
    )
