"""Pages that follow a change of the URL's query themselves (dashboard/components/page_routing.py): Dash Pages'
router is told to keep the drawn page only when the query alone changed."""

from __future__ import annotations

import dash
import pytest
from dash._callback_context import context_value
from dash.exceptions import PreventUpdate

from dashboard.components.page_routing import ROUTER_QUERY, keep_page_on_query_change, query_changed_in_place


def in_callback(*changed: str):
    """Run inside a callback context whose triggering inputs are `changed` ("id.property")."""
    return context_value.set(dash._utils.AttributeDict(triggered_inputs=[{"prop_id": p, "value": None}
                                                                       for p in changed]))


def test_outside_a_callback_the_page_renders():
    assert not query_changed_in_place()
    keep_page_on_query_change()  # does not raise


@pytest.mark.parametrize("changed, kept", [
    ((ROUTER_QUERY,), True),  # a filter, a selection, the language: the page patches itself
    (("_pages_location.pathname", ROUTER_QUERY), False),  # another page
    (("_pages_location.pathname",), False),
])
def test_the_router_keeps_the_page_only_when_the_query_alone_changed(changed, kept):
    token = in_callback(*changed)
    try:
        assert query_changed_in_place() is kept
        if kept:
            with pytest.raises(PreventUpdate):
                keep_page_on_query_change()
        else:
            keep_page_on_query_change()
    finally:
        context_value.reset(token)
