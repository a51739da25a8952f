"""Partner search at "/partners": open partner requests of municipalities (published, not expired; filter by
sector) and, for a place (`?place=<id>` or the place box), the ranked suggested partners across the border in
the space with their reasons in numbers, under an emphasis the user picks (near / similar size / shared
interests / balanced; the weights are shown). Requests are submitted and moderated through the API
(/api/v1/partner-requests, see dashboard/web/practices.py)."""

from __future__ import annotations

import datetime as dt

import dash
from dash import ClientsideFunction, Input, Output, State, dcc, html

from dashboard import auth
from dashboard.charts import practices as library
from dashboard.components import ids
from dashboard.components.catalog_source import current_catalog
from dashboard.i18n import format_date, t
from dashboard.pages import practices_entry as entry
from dashboard.pages import practices_parts as cards
from dashboard.pages import profile_parts as parts
from dashboard.registry.partner_suggestions import EMPHASES
from dashboard.registry.sectors import sector_label, sector_options
from dashboard.state import ViewState, state_from_params, state_from_search
from dashboard.store import queries
from dashboard.web.urls import API_PREFIX

dash.register_page(__name__, path="/partners", name="Partners", title="Borderlinks — partner search", order=24,
                   nav_key="page.partners")

PLACE = "partners-place"
EMPHASIS = "partners-emphasis"
SUGGESTIONS = "partners-suggestions"
SECTOR = "partners-sector"
REQUESTS = "partners-requests"
MIN_POPULATION_OPTION = 20_000
REQUEST_FIELDS = ("place", "description", "sectors", "countries", "max_border_km", "population_min",
                  "population_max", "languages", "organisation", "contact", "expires_on")
REQUEST = {name: f"partners-request-{name}" for name in REQUEST_FIELDS}
REQUEST_SUBMIT = "partners-request-submit"
REQUEST_SAVED = "partners-request-saved"
REQUEST_MESSAGE = "partners-request-message"
REQUEST_CONFIG = "partners-request-config"


def request_form(catalog, state: ViewState):
    """The form of a new partner request, for editors and admins (None for everyone else)."""
    user = entry.signed_in_user()
    if user is None or not user.can_write:
        return None
    lang = state.lang
    country_names = queries.country_names(catalog.countries, lang).sort_values()

    def field(name: str, control):
        return html.Label([html.Span(t(f"partners.field.{name}", lang), className="small"), control],
                          className="practices-field")

    controls = {
        "place": dcc.Dropdown(id=REQUEST["place"], options=place_options(catalog, state, None)),
        "description": dcc.Textarea(id=REQUEST["description"], style={"width": "100%"}),
        "sectors": dcc.Dropdown(id=REQUEST["sectors"], options=sector_options(lang), multi=True),
        "countries": dcc.Dropdown(id=REQUEST["countries"], multi=True,
                                  options=[{"label": n, "value": c} for c, n in country_names.items()]),
        "expires_on": dcc.Input(id=REQUEST["expires_on"], type="text", style={"width": "100%"},
                                value=(dt.date.today() + dt.timedelta(days=365)).isoformat()),
    }
    for name in ("max_border_km", "population_min", "population_max"):
        controls[name] = dcc.Input(id=REQUEST[name], type="number", min=0, style={"width": "100%"})
    for name in ("languages", "organisation", "contact"):
        controls[name] = dcc.Input(id=REQUEST[name], type="text", style={"width": "100%"})
    return html.Details(className="practices-entry", id="partners-request-form", children=[
        html.Summary(t("partners.form.title", lang)),
        dcc.Store(id=REQUEST_CONFIG, data={"base": dash.get_relative_path(API_PREFIX + "/"),
                                           "csrf": auth.csrf_token()}),
        dcc.Store(id=REQUEST_SAVED),
        html.P(t("partners.form.hint", lang), className="hint"),
        html.Div([field(name, controls[name]) for name in REQUEST_FIELDS], className="practices-entry-grid"),
        html.Button(t("practices.entry.submit", lang), id=REQUEST_SUBMIT, className="button"),
        html.Div(id=REQUEST_MESSAGE, role="status"),
    ])


def place_options(catalog, state: ViewState, chosen: int | None) -> list[dict]:
    facts = library.place_facts(catalog)
    in_space = library.space_countries(catalog, state.space)
    mask = facts["population"].fillna(0) >= MIN_POPULATION_OPTION
    if in_space is not None:
        mask &= facts["iso3"].isin(in_space)
    if chosen is not None:
        mask |= facts["place_id"] == chosen
    shown = facts[mask].sort_values("population", ascending=False)
    names = queries.localized(shown, state.lang)
    return [{"label": f"{name} ({iso3})", "value": int(pid)} for pid, name, iso3 in
            zip(shown["place_id"], names, shown["iso3"])]


def requests_list(catalog, state: ViewState, sector: str | None):
    lang = state.lang
    frame = library.open_requests(catalog, lang, sector=sector or None)
    if frame.empty:
        return html.P(t("partners.no_requests", lang), className="hint", id="partners-no-requests")
    rows = [[parts.city_link(r.place_id, r.place_name, state), r.description,
             ", ".join(sector_label(code, lang) for code in filter(None, r.sectors.split(";"))),
             r.organisation, r.contact, format_date(r.expires_on, lang)] for r in frame.itertuples()]
    headers = [t(f"partners.request.{name}", lang) for name in ("place", "description", "sectors", "organisation",
                                                               "contact", "expires")]
    return html.Div(parts.table(headers, rows, id="partners-request-table"), className="table-scroll")


def suggestions_block(catalog, place_id, emphasis: str, state: ViewState):
    if not place_id:
        return html.P(t("partners.pick_place", state.lang), className="hint")
    return cards.suggestions_table(catalog, int(place_id), state, emphasis or "balanced", top=20)


def layout(place=None, **params) -> html.Article:
    state = state_from_params(params)
    lang = state.lang
    catalog = current_catalog()
    if catalog is None:
        return parts.no_store(state)
    chosen = int(place) if isinstance(place, str) and place.isdigit() else None
    return html.Article(className="partners-page", children=[
        html.H1(t("partners.title", lang)),
        html.P(t("partners.lead", lang), className="lead"),
        html.Section(className="partners-suggest", children=[
            html.H2(t("partners.suggested", lang)),
            html.Div(className="practices-filters", children=[
                dcc.Dropdown(id=PLACE, options=place_options(catalog, state, chosen), value=chosen,
                             placeholder=t("partners.place", lang), className="partners-place"),
                dcc.RadioItems(id=EMPHASIS, options=[{"label": t(f"partners.emphasis.{name}", lang), "value": name}
                                                     for name in EMPHASES], value="balanced", inline=True),
            ]),
            html.P(t("partners.how", lang), className="hint"),
            html.Div(suggestions_block(catalog, chosen, "balanced", state), id=SUGGESTIONS),
        ]),
        html.Section(className="partners-requests", children=[
            html.H2(t("partners.requests", lang)),
            dcc.Dropdown(id=SECTOR, options=sector_options(lang), placeholder=t("practices.filter.sectors", lang)),
            html.Div(requests_list(catalog, state, None), id=REQUESTS),
            *([form] if (form := request_form(catalog, state)) is not None else []),
        ]),
    ])


@dash.callback(Output(SUGGESTIONS, "children"), Input(PLACE, "value"), Input(EMPHASIS, "value"),
               State(ids.URL, "search"), prevent_initial_call=True)
def update_suggestions(place_id, emphasis, search):
    catalog = current_catalog()
    if catalog is None:
        return dash.no_update
    return suggestions_block(catalog, place_id, emphasis, state_from_search(search))


@dash.callback(Output(REQUESTS, "children"), Input(SECTOR, "value"), State(ids.URL, "search"),
               prevent_initial_call=True)
def update_requests(sector, search):
    catalog = current_catalog()
    if catalog is None:
        return dash.no_update
    return requests_list(catalog, state_from_search(search), sector)


dash.clientside_callback(ClientsideFunction("practices", "request"), Output(REQUEST_SAVED, "data"),
                         Input(REQUEST_SUBMIT, "n_clicks"), *(State(REQUEST[name], "value") for name in REQUEST_FIELDS),
                         State(REQUEST_CONFIG, "data"), State(ids.UI_LANG, "data"), prevent_initial_call=True)


@dash.callback(Output(REQUEST_MESSAGE, "children"), Input(REQUEST_SAVED, "data"), State(ids.UI_LANG, "data"),
               prevent_initial_call=True)
def show_request_saved(answer, lang):
    body = (answer or {}).get("body") or {}
    if body.get("saved"):
        return html.P(t("practices.entry.saved", lang or "en"), className="ok")
    return [html.P(body.get("error") or t("practices.entry.rejected", lang or "en"), className="error"),
            entry.problems_list(body.get("problems") or [])]
