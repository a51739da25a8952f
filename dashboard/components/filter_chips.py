"""The global filters in effect, as removable chips on every page ("Countries: Belarus ×").

Which fields are global filters is declared once in dashboard/state.py (scope "filter"); a chip is shown for
each one that differs from the default (one chip per country, bloc or region; one for a period of years; one
for "between two countries" and its pair). Clicking a chip's × writes the URL without that filter, and the
state-sync callback then moves the panel's controls. `chips_of` is pure (state, language, catalogue -> chips).
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
from dash import ALL, Input, Output, State, ctx, html, no_update

from dashboard.components import ids
from dashboard.components.catalog_source import current_catalog
from dashboard.components.filter_options import localized_names
from dashboard.i18n import format_date, format_number, t
from dashboard.state import FIELDS, ViewState
from dashboard.store.spaces import space_name

CHIPS = "filter-chips"  # the Div holding the chips
REMOVE = "filter-chip-remove"  # pattern-matching id type of a chip's ×: {"type", "field", "item"}
#: list fields shown as one chip per item (removing it removes that item only)
PER_ITEM = ("countries", "blocs", "regions")


class Chip(NamedTuple):
    field: str  #: the ViewState field it stands for
    item: str  #: "" for the whole field, else one item of a list field
    text: str  #: what it says, in the interface language


def _names(frame: pd.DataFrame | None, code_column: str, lang: str) -> dict[str, str]:
    if frame is None or frame.empty:
        return {}
    return dict(zip(frame[code_column], localized_names(frame, lang).astype(str)))


def _bloc_name(bloc: str, lang: str) -> str:
    org, _, status = bloc.partition(":")
    if not status:
        return t(f"org.{org}", lang)
    return t("bloc.with_status", lang, org=t(f"org.{org}", lang), status=t(f"status.{status}", lang))


def _choice(name: str, value: object, lang: str) -> str:
    key = FIELDS[name].choice_label_keys().get(value)
    return t(key, lang) if key else str(value)


def _labelled(name: str, value: str, lang: str) -> str:
    return t("chips.chip", lang, label=t(FIELDS[name].label, lang), value=value)


def _value_text(state: ViewState, name: str, lang: str, catalog) -> str:
    """How the value of the (non-list) filter `name` reads in `lang`."""
    value = getattr(state, name)
    if name == "space":
        return space_name(value, lang, getattr(catalog, "countries", None))
    if name == "on":
        return format_date(value, lang)
    if name == "min_population":
        return format_number(value, lang)
    if name in ("year_from", "year_to"):
        return f"{state.year_from or '…'}–{state.year_to or '…'}"
    if isinstance(value, tuple):
        return ", ".join(_choice(name, item, lang) for item in value)
    return _choice(name, value, lang)


def chips_of(state: ViewState, lang: str, catalog=None) -> list[Chip]:
    """The chips of the global filters in effect in `state`, in declaration order, labelled in `lang`."""
    countries = _names(getattr(catalog, "countries", None), "iso3", lang)
    regions = _names(getattr(catalog, "regions", None), "region_id", lang)
    chips: list[Chip] = []
    for name in state.filters_in_effect():
        value = getattr(state, name)
        if name in PER_ITEM:
            for item in value:
                shown = (countries.get(item, item) if name == "countries" else
                         regions.get(item, item) if name == "regions" else _bloc_name(item, lang))
                chips.append(Chip(name, item, _labelled(name, shown, lang)))
        elif name == "year_to" and state.year_from is not None:
            continue  # one chip for the period, under year_from
        elif name == "pair" or (name == "link_scope" and value == "between"):
            if name == "link_scope" and "pair" in state.filters_in_effect():
                continue  # one chip for "between two countries" and its pair, under pair
            pair = " — ".join(countries.get(iso3, iso3) for iso3 in value) if name == "pair" else ""
            chips.append(Chip(name, "", _labelled("pair", pair, lang) if pair else t(FIELDS["pair"].label, lang)))
        elif isinstance(value, bool):
            chips.append(Chip(name, "", t(FIELDS[name].label, lang)))  # a switch that is on says its label
        else:
            chips.append(Chip(name, "", _labelled(name, _value_text(state, name, lang, catalog), lang)))
    return chips


def chip(one: Chip, lang: str) -> html.Span:
    remove = t("chips.remove", lang, filter=one.text)
    return html.Span(className="filter-chip", children=[
        html.Span(one.text, className="filter-chip-text"),
        html.Button("×", id={"type": REMOVE, "field": one.field, "item": one.item}, className="filter-chip-remove",
                    title=remove, n_clicks=0, **{"aria-label": remove}),
    ])


def chip_list(state: ViewState, catalog=None) -> list:
    """The chips strip's children: a caption and the chips, or nothing when no filter is in effect."""
    chips = chips_of(state, state.lang, catalog)
    if not chips:
        return []
    return [html.Span(t("chips.caption", state.lang), className="filter-chips-caption"),
            *(chip(one, state.lang) for one in chips)]


def filter_chips(state: ViewState, catalog=None) -> html.Div:
    return html.Div(chip_list(state, catalog), id=CHIPS, className="filter-chips", role="status",
                    **{"aria-live": "polite"})


def register_callbacks(app) -> None:
    @app.callback(Output(CHIPS, "children"), Input(ids.URL, "search"))
    def show_filters_in_effect(search):
        return chip_list(ViewState.from_query(search), current_catalog())

    @app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Input({"type": REMOVE, "field": ALL, "item": ALL}, "n_clicks"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def remove_filter(_clicks, search):
        """The URL without the filter whose chip's × was clicked (chips drawn anew trigger nothing)."""
        clicked = ctx.triggered_id
        if not clicked or not ctx.triggered or not ctx.triggered[0].get("value"):
            return no_update
        state = ViewState.from_query(search)
        return state.without(clicked["field"], clicked["item"] or None).to_query() or "?"
