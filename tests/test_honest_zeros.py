"""An empty activities view says what the zero means and what the record holds (issue 20)."""

from __future__ import annotations

from dashboard.app import create_app
from dashboard.state import ViewState


def zero_text(state: ViewState) -> str:
    create_app()  # the pages' modules need an app
    from dashboard.pages import activities  # registered with the app above

    message = [part for part in activities.body(state) if getattr(part, "id", None) == "activities-zero"]
    return " ".join(p.children if isinstance(p.children, str) else p.children.children
                    for p in message[0].children) if message else ""


def test_a_period_without_activities_says_what_other_years_hold(store_catalog):
    text = zero_text(ViewState.from_query("?lang=ru&scope=between&pair=BLR,RUS&from=1997&to=1999"))
    assert "ничего не записано (1997–1999 гг.)" in text
    assert "за другие годы" in text and "Реестре" in text


def test_a_pair_never_recorded_says_it_is_not_covered(store_catalog):
    text = zero_text(ViewState.from_query("?lang=ru&scope=between&pair=KAZ,MNG"))
    assert "ни за один год" in text


def test_no_message_when_there_are_activities(store_catalog):
    assert zero_text(ViewState.from_query("?lang=ru&scope=between&pair=BLR,RUS")) == ""
