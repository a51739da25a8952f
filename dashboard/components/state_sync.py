"""Keeps the filter controls and the URL in step; the URL's query string is the source of truth.

One callback has the URL and every control as inputs and as outputs (Dash allows such a circular
callback; its own outputs do not trigger it again):
- triggered by the URL (page load, back/forward, a link): controls <- ViewState.from_query(search);
- triggered by a control: URL <- ViewState.from_values(controls, base=URL state).to_query().
The dcc.Location has refresh=False: setting its `search` pushes a history entry without reloading or
re-rendering the page, and the back button fires it again. Fields without a control here (e.g. the
selected place) are kept from the URL. Other callbacks that change the state write the URL with
`Output(ids.URL, "search", allow_duplicate=True)` and `state.to_query()`; this callback then moves the
controls.
"""

from __future__ import annotations

from dash import Input, Output, State, ctx, no_update

from dashboard.components import ids
from dashboard.components.catalog_source import current_catalog
from dashboard.components.filter_options import selectable_state, space_values
from dashboard.components.filter_panel import BORDER_ONLY_VALUE, CITIES_VALUE
from dashboard.state import ViewState

# ViewState field -> the control that edits it (pair has two controls, see below)
CONTROL_OF_FIELD = {
    "lang": ids.LANG_SWITCH,
    "space": ids.SPACE,
    "on": ids.ON,
    "countries": ids.COUNTRIES,
    "blocs": ids.BLOCS,
    "regions": ids.REGIONS,
    "border_only": ids.BORDER_ONLY,
    "min_population": ids.MIN_POPULATION,
    "link_scope": ids.LINK_SCOPE,
    "status": ids.TIE_STATUS,
    "since": ids.SINCE,
    "cities": ids.CITIES,
    "viewport": ids.VIEWPORT,
    "layers": ids.LAYERS,
    "size_by": ids.SIZE_BY,
    "pov": ids.POV,
}
CONTROLS = (*CONTROL_OF_FIELD.values(), ids.PAIR_FIRST, ids.PAIR_SECOND)


def control_values(state: ViewState) -> dict[str, object]:
    """What each control shows for `state`."""
    pair = list(state.pair) or [None, None]
    return {
        ids.LANG_SWITCH: state.lang,
        ids.SPACE: space_values(state.space),
        ids.ON: state.on.isoformat() if state.on else None,
        ids.COUNTRIES: list(state.countries),
        ids.BLOCS: list(state.blocs),
        ids.REGIONS: list(state.regions),
        ids.BORDER_ONLY: [BORDER_ONLY_VALUE] if state.border_only else [],
        ids.MIN_POPULATION: state.min_population,
        ids.LINK_SCOPE: state.link_scope,
        ids.TIE_STATUS: state.status,
        ids.SINCE: state.since,
        ids.CITIES: [CITIES_VALUE] if state.cities else [],
        ids.VIEWPORT: state.viewport,
        ids.LAYERS: list(state.layers),
        ids.SIZE_BY: state.size_by,
        ids.POV: state.pov,
        ids.PAIR_FIRST: pair[0],
        ids.PAIR_SECOND: pair[1],
    }


def state_from_controls(values: dict[str, object], base: ViewState) -> ViewState:
    """`base` with the controls' values applied; invalid ones (a half-chosen pair, junk) are ignored."""
    fields = {name: values[control] for name, control in CONTROL_OF_FIELD.items() if control in values}
    first, second = values.get(ids.PAIR_FIRST), values.get(ids.PAIR_SECOND)
    if ids.PAIR_FIRST in values or ids.PAIR_SECOND in values:
        fields["pair"] = [first, second] if first and second else []
    edited = ViewState.from_values(fields, base=base)
    if edited.link_scope == "between" and not (first or second) and len(edited.countries) == 2:
        # "between two countries" with both pair boxes empty takes the two countries already chosen
        edited = edited.replace(pair=edited.countries)
    return edited


def shown_state(state: ViewState) -> ViewState:
    """What the controls can show of `state`: codes the catalogue does not know are left out."""
    catalog = current_catalog()
    if catalog is None:
        return state
    return selectable_state(state, catalog.countries, catalog.memberships, catalog.regions)


def register_callbacks(app) -> None:
    @app.callback(
        output={
            "search": Output(ids.URL, "search"),
            "lang": Output(ids.UI_LANG, "data"),
            "controls": {control: Output(control, "value") for control in CONTROLS},
        },
        inputs={
            "search": Input(ids.URL, "search"),
            "controls": {control: Input(control, "value") for control in CONTROLS},
            "ui_lang": State(ids.UI_LANG, "data"),
        },
    )
    def sync_state_and_url(search, controls, ui_lang):
        url_state = ViewState.from_query(search)
        unchanged = {control: no_update for control in CONTROLS}
        if ctx.triggered_id in (None, ids.URL):  # load, back/forward, link, another callback's write
            shown = control_values(shown_state(url_state))
            return {
                "search": no_update,
                "lang": url_state.lang if url_state.lang != ui_lang else no_update,
                "controls": {c: shown[c] if shown[c] != controls[c] else no_update for c in CONTROLS},
            }
        edited = state_from_controls(controls, base=url_state)
        query = edited.to_query()
        return {
            "search": query if query != (search or "") else no_update,
            "lang": edited.lang if edited.lang != ui_lang else no_update,
            "controls": unchanged,
        }

    @app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.RESET, "n_clicks"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def reset_filters(_clicks, search):
        """Back to the default view, keeping the language."""
        return ViewState(lang=ViewState.from_query(search).lang).to_query()
