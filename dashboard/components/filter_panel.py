"""The left filter panel shared by all pages: one control per filter and display field of ViewState.

The controls' values are kept in step with the URL by dashboard.components.state_sync; this module
builds the panel and keeps its options in the interface language. Each field's label and its choices'
labels come from the field's declaration in dashboard.state (`FIELDS`).
"""

from __future__ import annotations

from dash import Input, Output, State, dcc, html

from dashboard.components import ids
from dashboard.components.catalog_source import current_catalog
from dashboard.components.filter_chips import filter_chips
from dashboard.components.filter_options import (
    bloc_options,
    country_options,
    region_options,
    space_options,
    space_values,
)
from dashboard.components.translated import text
from dashboard.i18n import t
from dashboard.state import FIELDS, ViewState
from dashboard.store.spaces import space_caption
from dashboard.store.summary import FOCUS_COUNTRIES

BORDER_ONLY_VALUE = "border_only"  # the one value of the "border regions only" checklist
CITIES_VALUE = "cities"  # the one value of the "links between cities" checklist
POPULATION_STEP = 10_000
DROPDOWN_LABEL_KEYS = ("select_all", "deselect_all", "selected_count", "search", "clear_search",
                       "clear_selection", "no_options_found")


def dropdown_labels(lang: str) -> dict[str, str]:
    """The texts inside dcc.Dropdown (search box, 'n selected', ...) in `lang`."""
    return {key: t(f"dropdown.{key}", lang) for key in DROPDOWN_LABEL_KEYS}


def regions_offered(countries) -> tuple[str, ...]:
    """The countries whose regions the Regions menu lists: the chosen ones, else the focus countries.

    All 4,500 regions of the world in one menu cost the browser over a second at every page load
    (the dropdown indexes every option) and help nobody; choosing a country lists its regions.
    """
    return tuple(countries or ()) or tuple(FOCUS_COUNTRIES)


def field_choices(name: str, lang: str) -> list[dict[str, object]]:
    """The options of a ViewState field with a fixed set of choices, labelled as its declaration says."""
    return [{"label": t(key, lang), "value": value} for value, key in FIELDS[name].choice_label_keys().items()]


def _field(name: str, control, lang: str, control_id: str | None = None,
           class_name: str = "field") -> html.Div:
    """`control` under the label of the ViewState field `name`."""
    return html.Div(className=class_name, children=[
        html.Label(text(FIELDS[name].label, lang), htmlFor=control_id, className="field-label"),
        control,
    ])


def _multi_dropdown(control_id: str, options: list, value: list, placeholder_key: str, lang: str,
                    max_height: int = 320) -> dcc.Dropdown:
    return dcc.Dropdown(
        id=control_id, options=options, value=value, multi=True, clearable=True, searchable=True,
        placeholder=t(placeholder_key, lang), labels=dropdown_labels(lang), maxHeight=max_height,
        debounce=True,  # one URL change when the menu closes, not one per click
    )


def _country_dropdown(control_id: str, options: list, value: str | None, placeholder_key: str,
                      lang: str) -> dcc.Dropdown:
    return dcc.Dropdown(id=control_id, options=options, value=value, multi=False, clearable=True,
                        placeholder=t(placeholder_key, lang), labels=dropdown_labels(lang))


def filter_panel(lang: str, state: ViewState, catalog=None) -> html.Aside:
    """The panel, its controls set to `state`, option labels in `lang` (empty without a catalogue)."""
    countries = country_options(catalog.countries, lang) if catalog is not None else []
    blocs = bloc_options(catalog.memberships, lang) if catalog is not None else []
    regions = (region_options(catalog.regions, lang, regions_offered(state.countries), keep=state.regions)
               if catalog is not None else [])
    pair = list(state.pair) + [None, None]
    spaces = space_options(catalog.countries, catalog.memberships, lang) if catalog is not None else []
    return html.Aside(className="filter-panel", children=[
        html.Div(className="panel-heading", children=[
            html.H2(text("filters.title", lang)),
            html.Button(text("filters.reset", lang), id=ids.RESET, className="button-quiet", n_clicks=0),
        ]),
        filter_chips(state, catalog),  # the global filters in effect, each removable (issue 20)
        html.P(caption_of(state), id=ids.SPACE_CAPTION, className="space-caption", role="status"),
        _field("space", _multi_dropdown(
            ids.SPACE, spaces, space_values(state.space), "filters.space.placeholder", lang, max_height=400),
            lang, ids.SPACE),
        _field("on", on_input(state), lang, ids.ON),
        _field("countries", _multi_dropdown(
            ids.COUNTRIES, countries, list(state.countries), "filters.countries.placeholder", lang),
            lang, ids.COUNTRIES),
        _field("blocs", _multi_dropdown(
            ids.BLOCS, blocs, list(state.blocs), "filters.blocs.placeholder", lang), lang, ids.BLOCS),
        _field("regions", _multi_dropdown(
            ids.REGIONS, regions, list(state.regions), "filters.regions.placeholder", lang),
            lang, ids.REGIONS),
        html.Div(className="field", children=dcc.Checklist(
            id=ids.BORDER_ONLY, className="switch",
            options=border_only_options(lang),
            value=[BORDER_ONLY_VALUE] if state.border_only else [],
        )),
        _field("min_population", dcc.Input(
            id=ids.MIN_POPULATION, type="number", min=0, step=POPULATION_STEP, value=state.min_population,
            debounce=True, inputMode="numeric", className="number-input"), lang, ids.MIN_POPULATION),
        _field("link_scope", dcc.RadioItems(
            id=ids.LINK_SCOPE, options=field_choices("link_scope", lang),
            value=state.link_scope, className="choice-list"), lang),
        html.Div(id=ids.PAIR_FIELDS, className=_pair_class(state.link_scope), children=[
            _country_dropdown(ids.PAIR_FIRST, countries, pair[0], "filters.pair.first", lang),
            _country_dropdown(ids.PAIR_SECOND, countries, pair[1], "filters.pair.second", lang),
        ]),
        _field("status", dcc.RadioItems(
            id=ids.TIE_STATUS, options=field_choices("status", lang),
            value=state.status, className="choice-list"), lang),
        _field("since", since_input(state), lang, ids.SINCE),
        html.Div(className="field", children=dcc.Checklist(
            id=ids.CITIES, className="switch", options=cities_options(lang),
            value=[CITIES_VALUE] if state.cities else [])),
        _field("viewport", dcc.RadioItems(
            id=ids.VIEWPORT, options=field_choices("viewport", lang),
            value=state.viewport, inline=True, className="segmented"), lang),
        html.Details(className="panel-section", children=[
            html.Summary(text("display.title", lang)),
            _field("layers", dcc.Checklist(
                id=ids.LAYERS, options=field_choices("layers", lang),
                value=list(state.layers), className="choice-list"), lang),
            _field("size_by", dcc.RadioItems(
                id=ids.SIZE_BY, options=field_choices("size_by", lang),
                value=state.size_by, className="choice-list"), lang),
            _field("pov", dcc.RadioItems(
                id=ids.POV, options=field_choices("pov", lang),
                value=state.pov, className="choice-list"), lang),
        ]),
    ])


def caption_of(state: ViewState) -> str:
    """The active space and day in the UI language ("Space: SCO, EAEU, ... — members and partners, as of ...")."""
    catalog = current_catalog()
    return space_caption(state, catalog.countries if catalog is not None else None)


def on_input(state: ViewState) -> dcc.Input:
    """The day memberships are taken at, YYYY-MM-DD (empty: today). A text box, not the browser's date picker,
    which would show the browser's format (mm/dd/yyyy) whatever the interface language."""
    return dcc.Input(id=ids.ON, type="text", value=state.on.isoformat() if state.on else None, debounce=True,
                     placeholder=t("filters.on.placeholder", state.lang), pattern=r"\d{4}-\d{2}-\d{2}",
                     maxLength=10, inputMode="numeric", className="date-input")


def since_input(state: ViewState) -> dcc.Input:
    """The year (or YYYY-MM, YYYY-MM-DD) the ties shown were signed in or after (empty: any date)."""
    return dcc.Input(id=ids.SINCE, type="text", value=state.since, debounce=True,
                     placeholder=t("filters.since.placeholder", state.lang),
                     pattern=r"\d{4}(-\d{2}(-\d{2})?)?", maxLength=10, inputMode="numeric",
                     className="date-input")


def cities_options(lang: str) -> list[dict[str, str]]:
    return [{"label": t(FIELDS["cities"].label, lang), "value": CITIES_VALUE}]


def border_only_options(lang: str) -> list[dict[str, str]]:
    return [{"label": t(FIELDS["border_only"].label, lang), "value": BORDER_ONLY_VALUE}]


def _pair_class(link_scope: str) -> str:
    return "pair-fields" if link_scope == "between" else "pair-fields hidden"


def register_callbacks(app) -> None:
    @app.callback(
        Output(ids.SPACE, "options"), Output(ids.SPACE, "placeholder"), Output(ids.SPACE, "labels"),
        Output(ids.COUNTRIES, "options"), Output(ids.COUNTRIES, "placeholder"),
        Output(ids.COUNTRIES, "labels"),
        Output(ids.BLOCS, "options"), Output(ids.BLOCS, "placeholder"), Output(ids.BLOCS, "labels"),
        Output(ids.REGIONS, "placeholder"), Output(ids.REGIONS, "labels"),
        Output(ids.PAIR_FIRST, "options"), Output(ids.PAIR_FIRST, "placeholder"),
        Output(ids.PAIR_FIRST, "labels"),
        Output(ids.PAIR_SECOND, "options"), Output(ids.PAIR_SECOND, "placeholder"),
        Output(ids.PAIR_SECOND, "labels"),
        Output(ids.BORDER_ONLY, "options"), Output(ids.CITIES, "options"), Output(ids.ON, "placeholder"),
        Output(ids.SINCE, "placeholder"),
        Output(ids.LINK_SCOPE, "options"), Output(ids.TIE_STATUS, "options"), Output(ids.VIEWPORT, "options"),
        Output(ids.LAYERS, "options"),
        Output(ids.SIZE_BY, "options"), Output(ids.POV, "options"),
        Input(ids.UI_LANG, "data"),
        prevent_initial_call=True,  # the layout is built in the right language already
    )
    def translate_options(lang):
        catalog = current_catalog()
        countries = country_options(catalog.countries, lang) if catalog is not None else []
        blocs = bloc_options(catalog.memberships, lang) if catalog is not None else []
        labels = dropdown_labels(lang)
        spaces = space_options(catalog.countries, catalog.memberships, lang) if catalog is not None else []
        return (
            spaces, t("filters.space.placeholder", lang), labels,
            countries, t("filters.countries.placeholder", lang), labels,
            blocs, t("filters.blocs.placeholder", lang), labels,
            t("filters.regions.placeholder", lang), labels,
            countries, t("filters.pair.first", lang), labels,
            countries, t("filters.pair.second", lang), labels,
            border_only_options(lang), cities_options(lang), t("filters.on.placeholder", lang),
            t("filters.since.placeholder", lang),
            field_choices("link_scope", lang),
            field_choices("status", lang),
            field_choices("viewport", lang),
            field_choices("layers", lang),
            field_choices("size_by", lang),
            field_choices("pov", lang),
        )

    @app.callback(
        Output(ids.REGIONS, "options"),
        Input(ids.UI_LANG, "data"),
        Input(ids.COUNTRIES, "value"),
        State(ids.REGIONS, "value"),
        prevent_initial_call=True,
    )
    def list_regions(lang, countries, selected):
        """Regions of the chosen countries (the focus countries' when none is chosen), in the UI language."""
        catalog = current_catalog()
        if catalog is None:
            return []
        return region_options(catalog.regions, lang, regions_offered(countries), keep=selected or ())

    @app.callback(Output(ids.SPACE_CAPTION, "children"), Input(ids.URL, "search"), prevent_initial_call=True)
    def show_space(search):
        """The caption follows the URL (a menu choice, the back button, a link)."""
        return caption_of(ViewState.from_query(search))

    @app.callback(Output(ids.PAIR_FIELDS, "className"), Input(ids.LINK_SCOPE, "value"))
    def show_pair_fields(link_scope):
        return _pair_class(link_scope)
