"""Pages that follow a change of the URL's query themselves, without Dash Pages rendering them again.

Dash Pages' router renders a page's whole layout again whenever the URL's query changes, not only its
path. A page whose own callbacks already follow `url.search` (the map: `update_map` patches the figure and
re-renders its panels) would then be drawn twice for one filter change, the second time from scratch: a new
figure of every trace sent and plotted anew, where a patch of the changed traces suffices. Such a page calls
`keep_page_on_query_change()` first thing in its layout function.
"""

from __future__ import annotations

import dash
from dash.dash import _ID_LOCATION  # the router's own dcc.Location (Dash Pages)
from dash.exceptions import MissingCallbackContextException, PreventUpdate

ROUTER_QUERY = f"{_ID_LOCATION}.search"


def query_changed_in_place() -> bool:
    """True inside the Dash Pages router when the URL's query changed and its path did not (a filter, a
    selection, the language, back/forward between two states of the same page)."""
    try:
        triggered = dash.ctx.triggered_prop_ids
    except MissingCallbackContextException:  # rendered outside a callback (a script, a test): not the router
        return False
    return set(triggered) == {ROUTER_QUERY}


def keep_page_on_query_change() -> None:
    """Keep the page drawn (raise PreventUpdate to the router) when only the URL's query changed; a first
    render, a new path or a server-rendered page pass."""
    if query_changed_in_place():
        raise PreventUpdate
