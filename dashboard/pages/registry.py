"""The registry page at "/registry": sign-in, import with preview and confirmation, entry and correction.

Anonymous visitors see what the registry is, the import templates and the sign-in form; they can write
nothing (the write endpoints answer 403). Signed-in editors and admins also get:
- Import: drop a CSV/XLSX; the preview lists rows to add, to update and to reject (row, column,
  reason); "Import" commits it in one transaction, only then.
- Entry and correction: a form for one activity (pick one in the table or by id to correct it; withdraw
  or restore it) and a form for a twinning's status, year signed and source.
- The import log and the audit trail (every change with the old value).

All writes go from the browser to /api/v1/registry/... with the session's CSRF token
(dashboard/assets/registry.js); the callbacks here only read and render.
"""

from __future__ import annotations

import datetime as dt
import logging

import dash
import dash_ag_grid as dag
from dash import ClientsideFunction, Input, Output, State, ctx, dcc, html, no_update
from sqlalchemy.exc import SQLAlchemyError

from dashboard import auth, settings
from dashboard.components import ids
from dashboard.components.catalog_source import current_catalog
from dashboard.components.filter_options import country_options
from dashboard.i18n import format_number, t, tn
from dashboard.registry import service
from dashboard.registry.database import registry_engine, registry_url
from dashboard.registry.gazetteer import read_corridors
from dashboard.registry.importing import import_log
from dashboard.registry.plans import item_options, items_of_activity
from dashboard.registry.reading import MAX_ROWS, MAX_UPLOAD_BYTES
from dashboard.registry.records import NotFound
from dashboard.registry.sectors import sector_options
from dashboard.registry.statuses import ACTIVITY_STATUSES
from dashboard.registry.tables import activities_table
from dashboard.registry.views import view_of
from dashboard.registry.vocabulary import ACTIVITY_TYPES, TWINNING_STATUSES
from dashboard.state import state_from_params, state_from_search
from dashboard.store import queries
from dashboard.store.place_search import load_name_index, search_places
from dashboard.web.urls import REGISTRY_PREFIX

log = logging.getLogger(__name__)

dash.register_page(__name__, path="/registry", name="Registry", title="Borderlinks", order=80,
                   nav_key="page.registry")

PAGE = "registry-page"
SHOWN_LANG = "registry-lang"            # dcc.Store: the language the page is drawn in
CONFIG = "registry-config"
UPLOAD = "registry-upload"
PREVIEW = "registry-preview"            # dcc.Store: the preview endpoint's answer
PREVIEW_PANEL = "registry-preview-panel"
SKIP = "registry-skip-rejected"
CONFIRM = "registry-confirm"
COMMIT = "registry-commit"              # dcc.Store: the commit endpoint's answer
COMMIT_MESSAGE = "registry-commit-message"
IMPORT_LOG = "registry-import-log"
AUDIT = "registry-audit"
GRID = "registry-activities"
FORM = {name: f"registry-form-{name}" for name in (
    "activity_id", "title", "type", "start", "end", "places", "regions", "countries", "twinning", "corridor",
    "organiser", "source", "notes", "sectors", "status", "plan_items")}
LOAD = "registry-load"
NEW = "registry-new"
SAVE = "registry-save"
SAVED = "registry-saved"                # dcc.Store: the save endpoint's answer
SAVE_MESSAGE = "registry-save-message"
WITHDRAW = "registry-withdraw"
RESTORE = "registry-restore"
WITHDRAWN = "registry-withdrawn"
TWIN = {name: f"registry-twin-{name}" for name in ("a", "b", "status", "year", "source", "notes")}
TWIN_SAVE = "registry-twin-save"
TWIN_SAVED = "registry-twin-saved"
TWIN_MESSAGE = "registry-twin-message"
PLACE_SEARCHES = (FORM["places"], TWIN["a"], TWIN["b"])


# ---- pieces -----------------------------------------------------------------------------------------------

def _engine():
    return registry_engine(registry_url())


def _plan_item_options() -> list[dict]:
    """The action plans' items an activity can be linked to as a fact (none when the registry is unreadable)."""
    try:
        return item_options(_engine())
    except SQLAlchemyError as error:
        log.warning("the plan items cannot be read (%s): the form offers none", error)
        return []


def _field(label_key: str, control, lang: str) -> list:
    return [html.Label(t(label_key, lang), htmlFor=getattr(control, "id", None)), control]


def signin_panel(lang: str, next_path: str, failed: str | None) -> html.Section:
    message = {"failed": "registry.signin.failed", "expired": "registry.signin.expired"}.get(failed or "")
    return html.Section(className="registry-panel", id="registry-signin", children=[
        html.H2(t("registry.signin.heading", lang)),
        html.P(t("registry.signin.intro", lang), className="muted"),
        html.Div(t(message, lang) if message else "", className="message error" if message else "message",
                 id="registry-signin-message"),
        html.Form(action=dash.get_relative_path("/auth/login"), method="POST", className="signin-form", children=[
            html.Label(t("registry.signin.name", lang), htmlFor="registry-signin-name"),
            dcc.Input(id="registry-signin-name", name="name", type="text", autoComplete="username", required=True),
            html.Label(t("registry.signin.password", lang), htmlFor="registry-signin-password"),
            dcc.Input(id="registry-signin-password", name="password", type="password",
                      autoComplete="current-password", required=True),
            dcc.Input(type="hidden", name=auth.CSRF_FIELD, value=auth.csrf_token(), id="registry-signin-csrf"),
            dcc.Input(type="hidden", name="next", value=next_path, id="registry-signin-next"),
            html.Button(t("registry.signin.submit", lang), type="submit", className="button-primary",
                        id="registry-signin-submit"),
        ]),
    ])


def signed_in_bar(user, lang: str, next_path: str) -> html.Div:
    return html.Div(className="signed-in", id="registry-signed-in", children=[
        html.Span(t("registry.signed_in", lang, name=user.name, role=t(f"registry.role.{user.role}", lang))),
        html.Form(action=dash.get_relative_path("/auth/logout"), method="POST", children=[
            dcc.Input(type="hidden", name=auth.CSRF_FIELD, value=auth.csrf_token()),
            dcc.Input(type="hidden", name="next", value=next_path),
            html.Button(t("registry.signout", lang), type="submit", className="button-quiet",
                        id="registry-signout"),
        ]),
    ])


def templates_panel(lang: str) -> html.Section:
    def link(fmt: str, template_lang: str) -> html.A:
        href = dash.get_relative_path(f"{REGISTRY_PREFIX}/template.{fmt}") + f"?lang={template_lang}"
        return html.A(t(f"registry.template.{fmt}_{template_lang}", lang), href=href, className="button-link",
                      id=f"registry-template-{fmt}-{template_lang}")
    return html.Section(className="registry-panel", children=[
        html.H2(t("registry.templates.heading", lang)),
        html.P(t("registry.templates.intro", lang, limit=MAX_UPLOAD_BYTES // 2**20,
                 rows=format_number(MAX_ROWS, lang)), className="muted"),
        html.Div(className="card-actions", children=[link("xlsx", "ru"), link("csv", "ru"), link("xlsx", "en"),
                                                      link("csv", "en")]),
    ])


def import_panel(lang: str) -> html.Section:
    return html.Section(className="registry-panel wide", id="registry-import", children=[
        html.H2(t("registry.import.heading", lang)),
        dcc.Upload(id=UPLOAD, className="upload-zone", multiple=False,
                   accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   children=html.Div([t("registry.import.drop", lang), " ",
                                      html.Span(t("registry.import.choose", lang), className="button-link")])),
        dcc.Loading(html.Div(id=PREVIEW_PANEL), type="dot", delay_show=300),
        html.Div(className="form-actions", children=[
            html.Button(t("registry.import.confirm", lang), id=CONFIRM, className="button-primary", disabled=True,
                        n_clicks=0),
            dcc.Checklist(id=SKIP, value=[], options=[{"label": t("registry.import.skip_rejected", lang),
                                                        "value": "skip"}]),
        ]),
        html.Div(id=COMMIT_MESSAGE, className="message", role="status"),
        dcc.Store(id=PREVIEW), dcc.Store(id=COMMIT),
    ])


def _options(pairs) -> list[dict]:
    return [{"label": label, "value": value} for value, label in pairs]


def entry_panel(lang: str, catalog) -> html.Section:
    types = _options((code, t(f"activity.type.{code}", lang)) for code in ACTIVITY_TYPES)
    countries = []
    if catalog is not None:
        countries = country_options(catalog.countries, lang)
    corridors = read_corridors()
    corridor_options = [{"label": (row.get(f"name_{lang}") or row["name_en"] or row["corridor_id"]),
                         "value": row["corridor_id"]} for _, row in corridors.iterrows()]
    text_input = {"type": "text", "debounce": False, "className": "text-input"}
    return html.Section(className="registry-panel", id="registry-entry", children=[
        html.H2(t("registry.entry.heading", lang)),
        html.Div(className="form-actions", children=[
            dcc.Input(id=FORM["activity_id"], type="text", inputMode="numeric", pattern="[0-9]*",
                      placeholder=t("registry.entry.id", lang), style={"width": "10em"}),
            html.Button(t("registry.entry.load", lang), id=LOAD, className="button-secondary", n_clicks=0),
            html.Button(t("registry.entry.new", lang), id=NEW, className="button-quiet", n_clicks=0),
        ]),
        html.Div(className="form-grid", children=[
            *_field("registry.field.title", dcc.Input(id=FORM["title"], **text_input), lang),
            *_field("registry.field.type", dcc.Dropdown(id=FORM["type"], options=types, clearable=False), lang),
            *_field("registry.field.start", dcc.Input(id=FORM["start"], placeholder="2024-05-17 / 17.05.2024",
                                                      **text_input), lang),
            *_field("registry.field.end", dcc.Input(id=FORM["end"], placeholder=t("registry.field.optional", lang),
                                                    **text_input), lang),
            *_field("registry.field.places", dcc.Dropdown(id=FORM["places"], multi=True, options=[], searchable=True,
                                                          placeholder=t("registry.field.places.hint", lang)), lang),
            *_field("registry.field.regions", dcc.Dropdown(id=FORM["regions"], multi=True, options=[],
                                                           searchable=True,
                                                           placeholder=t("registry.field.regions.hint", lang)),
                    lang),
            *_field("registry.field.countries", dcc.Dropdown(id=FORM["countries"], multi=True, options=countries),
                    lang),
            *_field("registry.field.twinning", dcc.Dropdown(id=FORM["twinning"], options=[],
                                                            placeholder=t("registry.field.twinning.hint", lang)),
                    lang),
            *_field("registry.field.corridor", dcc.Dropdown(id=FORM["corridor"], options=corridor_options), lang),
            *_field("registry.field.organiser", dcc.Input(id=FORM["organiser"], **text_input), lang),
            *_field("registry.field.source", dcc.Input(id=FORM["source"], placeholder="https://…", **text_input),
                    lang),
            *_field("registry.field.notes", dcc.Textarea(id=FORM["notes"]), lang),
            *_field("registry.field.sectors", dcc.Dropdown(id=FORM["sectors"], multi=True,
                                                           options=sector_options(lang),
                                                           placeholder=t("sector.none", lang)), lang),
            *_field("registry.field.status", dcc.Dropdown(id=FORM["status"], clearable=False, value="held",
                                                          options=_options((code, t(f"activity.status.{code}", lang))
                                                                           for code in ACTIVITY_STATUSES)), lang),
            *_field("registry.field.plan_items", dcc.Dropdown(id=FORM["plan_items"], multi=True,
                                                              options=_plan_item_options(),
                                                              placeholder=t("registry.field.optional", lang)), lang),
        ]),
        html.Div(className="form-actions", children=[
            html.Button(t("registry.entry.save", lang), id=SAVE, className="button-primary", n_clicks=0),
            html.Button(t("registry.entry.withdraw", lang), id=WITHDRAW, className="button-secondary", n_clicks=0),
            html.Button(t("registry.entry.restore", lang), id=RESTORE, className="button-quiet", n_clicks=0),
        ]),
        html.Div(id=SAVE_MESSAGE, className="message", role="status"),
        dcc.Store(id=SAVED), dcc.Store(id=WITHDRAWN),
    ])


def twinning_panel(lang: str) -> html.Section:
    statuses = [{"label": t(f"twinning.status.{s}", lang), "value": s} for s in TWINNING_STATUSES]
    return html.Section(className="registry-panel", id="registry-twinning", children=[
        html.H2(t("registry.twinning.heading", lang)),
        html.P(t("registry.twinning.intro", lang), className="muted"),
        html.Div(className="form-grid", children=[
            *_field("registry.field.place_a", dcc.Dropdown(id=TWIN["a"], options=[], searchable=True,
                                                           placeholder=t("registry.field.places.hint", lang)), lang),
            *_field("registry.field.place_b", dcc.Dropdown(id=TWIN["b"], options=[], searchable=True,
                                                           placeholder=t("registry.field.places.hint", lang)), lang),
            *_field("registry.field.status", dcc.RadioItems(id=TWIN["status"], options=statuses, value="active",
                                                            inline=True, className="choice-list"), lang),
            *_field("registry.field.year_signed", dcc.Input(id=TWIN["year"], type="number", min=1900,
                                                            max=dt.date.today().year), lang),
            *_field("registry.field.source", dcc.Input(id=TWIN["source"], type="text", placeholder="https://…"),
                    lang),
            *_field("registry.field.notes", dcc.Textarea(id=TWIN["notes"]), lang),
        ]),
        html.Div(className="form-actions", children=[
            html.Button(t("registry.twinning.save", lang), id=TWIN_SAVE, className="button-primary", n_clicks=0),
        ]),
        html.Div(id=TWIN_MESSAGE, className="message", role="status"),
        dcc.Store(id=TWIN_SAVED),
    ])


def activities_grid(lang: str, catalog) -> dag.AgGrid:
    rows = []
    if catalog is not None:
        frames = service.live_frames(catalog)
        table = activities_table(view_of(frames, frames.activities["activity_id"].notna().to_numpy()),
                                 catalog, lang)
        table["sample"] = table["sample"].map({True: t("activities.sample_badge", lang), False: ""})
        rows = table[["activity_id", "start_date", "title", "type", "places", "countries", "sample"]] \
            .to_dict("records")
    columns = [
        {"field": "activity_id", "headerName": "#", "maxWidth": 90},
        {"field": "start_date", "headerName": t("activities.col.start", lang), "maxWidth": 120},
        {"field": "title", "headerName": t("activities.col.title", lang), "flex": 3},
        {"field": "type", "headerName": t("activities.col.type", lang)},
        {"field": "places", "headerName": t("activities.col.places", lang), "flex": 2},
        {"field": "sample", "headerName": t("activities.col.sample", lang), "minWidth": 130, "maxWidth": 170,
         "cellClass": "sample-cell"},
    ]
    return dag.AgGrid(id=GRID, rowData=rows, columnDefs=columns, getRowId="params.data.activity_id",
                      defaultColDef={"sortable": True, "filter": True, "resizable": True, "flex": 1},
                      dashGridOptions={"rowSelection": {"mode": "singleRow", "checkboxes": False,
                                                        "enableClickSelection": True},
                                       "pagination": True, "paginationPageSize": 20,
                                       "paginationPageSizeSelector": False},
                      className="ag-theme-quartz", style={"height": "380px", "width": "100%"})


def log_grids(lang: str) -> list:
    engine = _engine()
    imports = [{**row, "at": row["at"].strftime("%Y-%m-%d %H:%M")} for row in import_log(engine, 100)]
    audit = [{**row, "at": row["at"].strftime("%Y-%m-%d %H:%M")} for row in service.audit_trail(engine, 300)]
    import_columns = [{"field": f, "headerName": t(f"registry.log.{f}", lang)} for f in (
        "at", "user_name", "file_name", "rows_total", "added", "updated", "unchanged", "rejected", "origin")]
    audit_columns = [{"field": f, "headerName": t(f"registry.audit.{f}", lang),
                      **({"flex": 3, "wrapText": False} if f in ("old_value", "new_value") else {})}
                     for f in ("at", "user_name", "action", "entity", "entity_key", "old_value", "new_value")]
    grid = {"defaultColDef": {"sortable": True, "filter": True, "resizable": True, "flex": 1},
            "className": "ag-theme-quartz", "dashGridOptions": {"pagination": True, "paginationPageSize": 20,
                                                                "paginationPageSizeSelector": False}}
    return [
        html.Section(className="registry-panel wide", children=[
            html.H2(t("registry.log.heading", lang)),
            dag.AgGrid(id=IMPORT_LOG, rowData=imports, columnDefs=import_columns, style={"height": "260px"}, **grid),
        ]),
        html.Section(className="registry-panel wide", children=[
            html.H2(t("registry.audit.heading", lang)),
            dag.AgGrid(id=AUDIT, rowData=audit, columnDefs=audit_columns, style={"height": "320px"}, **grid),
        ]),
    ]


def page_body(state, failed: str | None = None) -> list:
    lang = state.lang
    user = auth.current_user()
    catalog = current_catalog()
    next_path = "/registry" + state.to_query()
    children = [
        html.H1(t("registry.heading", lang)),
        html.P(t("registry.intro", lang), className="lead"),
        dcc.Store(id=SHOWN_LANG, data=lang),
        dcc.Store(id=CONFIG, data={"base": dash.get_relative_path(REGISTRY_PREFIX + "/"), "csrf": auth.csrf_token(),
                                   "max_bytes": MAX_UPLOAD_BYTES}),
    ]
    if user is None:
        children.append(html.Div(className="registry-columns", children=[
            signin_panel(lang, next_path, failed), templates_panel(lang)]))
        return children
    children.append(signed_in_bar(user, lang, next_path))
    if not user.can_write:
        children.append(html.P(t("registry.viewer_note", lang), className="message info"))
        children.append(html.Div(className="registry-columns", children=[templates_panel(lang), *log_grids(lang)]))
        return children
    if catalog is None:
        children.append(html.P(t("activities.no_store", lang), className="message error"))
        return children
    children.append(html.Div(className="registry-columns", children=[
        import_panel(lang),
        entry_panel(lang, catalog),
        html.Div([twinning_panel(lang), html.Div(style={"height": "16px"}), templates_panel(lang)]),
        html.Section(className="registry-panel wide", children=[
            html.H2(t("registry.list.heading", lang)),
            html.P(t("registry.list.intro", lang), className="muted"),
            activities_grid(lang, catalog),
        ]),
        *log_grids(lang),
    ]))
    return children


def layout(**params) -> html.Div:
    state = state_from_params(params)
    failed = params.get("login") if isinstance(params.get("login"), str) else None
    return html.Div(page_body(state, failed), id=PAGE, className="registry-page")


# ---- rendering answers -----------------------------------------------------------------------------------

def _count_tile(key: str, value: int, lang: str) -> html.Div:
    return html.Div(className=f"kpi count-{key}", id=f"registry-count-{key}", children=[
        html.Div(str(value), className="kpi-value"), html.Div(t(f"registry.preview.{key}", lang), className="kpi-label")])


def _place_names(catalog, ids_: list, lang: str) -> str:
    if catalog is None:
        return ", ".join(map(str, ids_))
    names = catalog.places.set_index("place_id")
    out = []
    for place_id in ids_:
        if place_id in names.index:
            row = names.loc[place_id]
            name = queries.local_value(row, lang)
            out.append(f"{name} ({row['iso3']})")
        else:
            out.append(str(place_id))
    return "; ".join(out)


def preview_view(answer: dict, lang: str) -> tuple[list, bool]:
    """(the preview's children, confirm disabled)."""
    body = answer.get("body") or {}
    if answer.get("status") == 403:
        return [html.P(body.get("error", "403"), className="message error")], True
    if body.get("refused"):
        params = {k: v for k, v in body.items() if k not in ("refused", "code", "message")}
        message = body.get("message") or t(f"import.refused.{body.get('code')}", lang,
                                           **({"size_mb": params.get("size_mb"), "limit_mb": MAX_UPLOAD_BYTES // 2**20}
                                              if body.get("code") == "too_large" else params))
        return [html.P(message, className="message error", id="registry-refused")], True
    if answer.get("status") != 200:
        return [html.P(body.get("error") or t("registry.error.unknown", lang), className="message error")], True
    counts = body["counts"]
    catalog = current_catalog()
    source = (f"{body['kind'].upper()} · {body.get('encoding') or ''} · "
              f"{ {',': ',', ';': ';', chr(9): 'tab'}.get(body.get('separator'), body.get('separator') or '')}"
              if body["kind"] == "csv" else f"XLSX · {body.get('sheet')}")
    rows = []
    for row in body["planned"]:
        if row["action"] not in ("add", "update"):
            continue
        changes = ", ".join(row["changes"]) if row["changes"] else ""
        start = {"month": row["start_date"][:7], "year": row["start_date"][:4]}.get(row.get("date_precision"),
                                                                                   row["start_date"])
        where = _place_names(catalog, row["places"], lang) or "; ".join(
            [_region_option(catalog, r, lang)["label"] for r in row["regions"]] if catalog is not None
            else row["regions"]) or "; ".join(row["countries"])
        rows.append(html.Tr([html.Td(row["row"]), html.Td(t(f"registry.preview.action.{row['action']}", lang)),
                             html.Td(row["title"]), html.Td(t(f"activity.type.{row['type']}", lang)),
                             html.Td(start, className="nowrap"), html.Td(where), html.Td(changes)]))
    rejected = [html.Tr([html.Td(r["row"]), html.Td(r["column"]), html.Td(r["reason"])]) for r in body["rejections"]]
    children = [
        html.P([html.Strong(body["file_name"]), f" — {source}"], className="muted"),
        html.Div(className="preview-counts", children=[
            _count_tile("add", counts["add"], lang), _count_tile("update", counts["update"], lang),
            _count_tile("unchanged", counts["unchanged"], lang), _count_tile("rejected", counts["rejected"], lang),
        ]),
    ]
    if body.get("ignored_columns"):
        children.append(html.P(t("registry.preview.ignored", lang, columns=", ".join(body["ignored_columns"])),
                               className="muted"))
    if rejected:
        children += [html.H3(t("registry.preview.rejections", lang)), html.Div(className="preview-scroll", children=html.Table(
            className="preview-table", id="registry-rejections", children=[
                html.Thead(html.Tr([html.Th(t("registry.preview.row", lang)), html.Th(t("registry.preview.column", lang)),
                                    html.Th(t("registry.preview.reason", lang))])),
                html.Tbody(rejected)]))]
    if rows:
        children += [html.H3(t("registry.preview.changes", lang)), html.Div(className="preview-scroll", children=html.Table(
            className="preview-table", id="registry-planned", children=[
                html.Thead(html.Tr([html.Th(t(f"registry.preview.{k}", lang)) for k in
                                    ("row", "action", "title", "type", "start", "where", "changed")])),
                html.Tbody(rows)]))]
    nothing = counts["add"] + counts["update"] == 0
    if nothing:
        children.append(html.P(t("registry.preview.nothing", lang), className="message info"))
    elif rejected:
        children.append(html.P(tn("registry.preview.blocked", counts["rejected"], lang), className="message info"))
    return children, nothing


def problems_view(problems: list[dict], lang: str) -> html.Ul:
    return html.Ul([html.Li(f"{t('registry.field.' + _FIELD_KEYS.get(p['column'], p['column']), lang)}: {p['reason']}")
                    for p in problems])


_FIELD_KEYS = {"start_date": "start", "end_date": "end", "corridor": "corridor", "source": "source",
               "place_a": "place_a", "place_b": "place_b", "year_signed": "year_signed", "status": "status"}


# ---- callbacks ----------------------------------------------------------------------------------------------

dash.clientside_callback(ClientsideFunction("registry", "preview"), Output(PREVIEW, "data"),
                         Input(UPLOAD, "contents"), State(UPLOAD, "filename"), State(CONFIG, "data"),
                         State(ids.UI_LANG, "data"), prevent_initial_call=True)

dash.clientside_callback(ClientsideFunction("registry", "commit"), Output(COMMIT, "data"),
                         Input(CONFIRM, "n_clicks"), State(UPLOAD, "contents"), State(UPLOAD, "filename"),
                         State(PREVIEW, "data"), State(SKIP, "value"), State(CONFIG, "data"),
                         State(ids.UI_LANG, "data"), prevent_initial_call=True)

dash.clientside_callback(ClientsideFunction("registry", "save"), Output(SAVED, "data"),
                         Input(SAVE, "n_clicks"), *[State(FORM[k], "value") for k in FORM],
                         State(CONFIG, "data"), State(ids.UI_LANG, "data"), prevent_initial_call=True)

dash.clientside_callback(ClientsideFunction("registry", "withdraw"), Output(WITHDRAWN, "data"),
                         Input(WITHDRAW, "n_clicks"), Input(RESTORE, "n_clicks"),
                         State(FORM["activity_id"], "value"), State(CONFIG, "data"), prevent_initial_call=True)

dash.clientside_callback(ClientsideFunction("registry", "twinning"), Output(TWIN_SAVED, "data"),
                         Input(TWIN_SAVE, "n_clicks"), *[State(TWIN[k], "value") for k in TWIN],
                         State(CONFIG, "data"), State(ids.UI_LANG, "data"), prevent_initial_call=True)


@dash.callback(Output(PREVIEW_PANEL, "children"), Output(CONFIRM, "disabled"),
               Output(COMMIT_MESSAGE, "children", allow_duplicate=True),
               Output(COMMIT_MESSAGE, "className", allow_duplicate=True),
               Input(PREVIEW, "data"), State(ids.UI_LANG, "data"), prevent_initial_call=True)
def show_preview(answer, lang):
    if not answer:
        return no_update, True, no_update, no_update
    children, disabled = preview_view(answer, lang or "en")
    return children, disabled, "", "message"


@dash.callback(Output(COMMIT_MESSAGE, "children"), Output(COMMIT_MESSAGE, "className"),
               Output(CONFIRM, "disabled", allow_duplicate=True),
               Output(IMPORT_LOG, "rowData"), Output(AUDIT, "rowData"), Output(GRID, "rowData"),
               Output(UPLOAD, "contents"), Output(PREVIEW_PANEL, "children", allow_duplicate=True),
               Input(COMMIT, "data"), State(ids.UI_LANG, "data"), prevent_initial_call=True)
def show_commit(answer, lang):
    """The commit's outcome; after an import the upload is cleared (the same file can be checked again)."""
    lang = lang or "en"
    body = (answer or {}).get("body") or {}
    if (answer or {}).get("status") == 200 and body.get("committed"):
        c = body["counts"]
        message = t("registry.import.done", lang, id=body["import_id"], add=c["add"], update=c["update"],
                    unchanged=c["unchanged"], rejected=c["rejected"])
        return (message, "message ok", True, *_refreshed_rows(lang), None, [])
    message = body.get("message") or body.get("error") or t("registry.error.unknown", lang)
    return message, "message error", no_update, no_update, no_update, no_update, no_update, no_update


def _refreshed_rows(lang: str) -> tuple:
    grids = log_grids(lang)
    imports = grids[0].children[1].rowData
    audit = grids[1].children[1].rowData
    catalog = current_catalog()
    return imports, audit, activities_grid(lang, catalog).rowData


@dash.callback(Output(SAVE_MESSAGE, "children"), Output(SAVE_MESSAGE, "className"),
               Output(FORM["activity_id"], "value", allow_duplicate=True),
               Output(AUDIT, "rowData", allow_duplicate=True), Output(GRID, "rowData", allow_duplicate=True),
               Input(SAVED, "data"), Input(WITHDRAWN, "data"), State(ids.UI_LANG, "data"),
               prevent_initial_call=True)
def show_saved(saved, withdrawn, lang):
    lang = lang or "en"
    answer = saved if ctx.triggered_id == SAVED else withdrawn
    body = (answer or {}).get("body") or {}
    if (answer or {}).get("status") != 200:
        return body.get("error") or t("registry.error.unknown", lang), "message error", no_update, no_update, no_update
    if ctx.triggered_id == WITHDRAWN:
        key = "registry.entry.withdrawn" if answer.get("action") == "withdraw" else "registry.entry.restored"
        _, audit, grid = _refreshed_rows(lang)
        return t(key, lang, id=body["activity_id"]), "message ok", no_update, audit, grid
    if not body.get("saved"):
        return problems_view(body.get("problems", []), lang), "message error", no_update, no_update, no_update
    _, audit, grid = _refreshed_rows(lang)
    key = "registry.entry.saved" if body.get("changed") else "registry.entry.unchanged"
    return t(key, lang, id=body["activity_id"]), "message ok", body["activity_id"], audit, grid


@dash.callback(Output(TWIN_MESSAGE, "children"), Output(TWIN_MESSAGE, "className"),
               Output(AUDIT, "rowData", allow_duplicate=True),
               Input(TWIN_SAVED, "data"), State(ids.UI_LANG, "data"), prevent_initial_call=True)
def show_twin_saved(answer, lang):
    lang = lang or "en"
    body = (answer or {}).get("body") or {}
    if (answer or {}).get("status") != 200:
        return body.get("error") or t("registry.error.unknown", lang), "message error", no_update
    if not body.get("saved"):
        return problems_view(body.get("problems", []), lang), "message error", no_update
    return t("registry.twinning.saved", lang), "message ok", _refreshed_rows(lang)[1]


FORM_FIELDS = ("title", "type", "start", "end", "places", "regions", "countries", "twinning", "corridor",
               "organiser", "source", "notes", "sectors", "status", "plan_items")


@dash.callback(*[Output(FORM[k], "value", allow_duplicate=True) for k in ("activity_id", *FORM_FIELDS)],
               Output(FORM["places"], "options", allow_duplicate=True),
               Output(FORM["regions"], "options", allow_duplicate=True),
               Output(FORM["twinning"], "options", allow_duplicate=True),
               Output(SAVE_MESSAGE, "children", allow_duplicate=True),
               Output(SAVE_MESSAGE, "className", allow_duplicate=True),
               Input(LOAD, "n_clicks"), Input(NEW, "n_clicks"), Input(GRID, "selectedRows"),
               State(FORM["activity_id"], "value"), State(ids.UI_LANG, "data"), prevent_initial_call=True)
def load_activity(_load, _new, selected, activity_id, lang):
    """Fill the form with an activity (by id, or the row chosen in the table); "New" empties it."""
    lang = lang or "en"
    empty = (None, "", None, "", "", [], [], [], None, None, "", "", "", [], "held", [])
    if ctx.triggered_id == NEW:
        return (*empty, [], [], [], "", "message")
    if ctx.triggered_id == GRID:
        if not selected:
            return (no_update,) * 21
        activity_id = selected[0].get("activity_id")
    if not activity_id or not str(activity_id).strip().isdigit():
        return (no_update,) * 21
    try:
        record = service.activity_record(_engine(), int(str(activity_id).strip()))
        with _engine().connect() as connection:
            record["plan_items"] = items_of_activity(connection, record["activity_id"])
    except NotFound:
        return (*(no_update,) * 19, t("registry.entry.not_found", lang, id=activity_id), "message error")
    catalog = current_catalog()
    place_options = [_place_option(catalog, p, lang) for p in record["places"]] if catalog is not None else []
    region_options = [_region_option(catalog, r, lang) for r in record["regions"]] if catalog is not None else []
    end = record["end_date"] if record["end_date"] != record["start_date"] else ""
    start = record["start_date"]
    if record["date_precision"] == "month":
        start, end = start[:7], ""
    elif record["date_precision"] == "year":
        start, end = start[:4], ""
    twinning = "-".join(map(str, record["twinning"])) if record["twinning"] else None
    twinning_options = [{"label": _place_names(catalog, record["twinning"][:1], lang) + " – "
                         + _place_names(catalog, record["twinning"][1:], lang), "value": twinning}] \
        if twinning and catalog is not None else []
    note = t("registry.entry.loaded_withdrawn" if record["withdrawn"] else "registry.entry.loaded", lang,
             id=record["activity_id"])
    if record["is_sample"]:
        note += " " + t("activities.sample_badge", lang)
    return (record["activity_id"], record["title"], record["activity_type"], start, end, record["places"],
            record["regions"], record["countries"], twinning, record["corridor_id"], record["organiser"] or "",
            record["source_url"] or "", record["notes"] or "", record.get("sectors") or [],
            record.get("status") or "held", record.get("plan_items") or [], place_options, region_options,
            twinning_options, note, "message info")


def _place_option(catalog, place_id: int, lang: str, query: str | None = None) -> dict:
    return {"label": _place_names(catalog, [place_id], lang) + f" · {place_id}", "value": int(place_id),
            **({"search": query} if query else {})}


def _region_option(catalog, region_id: str, lang: str) -> dict:
    rows = catalog.regions[catalog.regions["region_id"] == region_id]
    if rows.empty:
        return {"label": region_id, "value": region_id}
    name = queries.localized(rows, lang).iloc[0]
    return {"label": f"{name} · {rows.iloc[0]['iso3']}", "value": region_id}


for _search_id in PLACE_SEARCHES:
    @dash.callback(Output(_search_id, "options", allow_duplicate=True), Input(_search_id, "search_value"),
                   State(_search_id, "value"), State(_search_id, "options"), State(ids.UI_LANG, "data"),
                   prevent_initial_call=True)
    def find_places(typed, chosen, options, lang):
        """Places matching what is typed (Latin or Cyrillic); chosen places keep their options."""
        catalog = current_catalog()
        if catalog is None or not typed or len(typed.strip()) < 2:
            return no_update
        found = search_places(catalog.places, load_name_index(settings.database_url()), typed, limit=12)
        fresh = [_place_option(catalog, int(p), lang or "en", typed) for p in found["place_id"]]
        chosen_ids = set(chosen if isinstance(chosen, list) else [chosen] if chosen else [])
        kept = [o for o in (options or []) if o["value"] in chosen_ids and o["value"] not in {f["value"] for f in fresh}]
        return kept + fresh


@dash.callback(Output(FORM["regions"], "options", allow_duplicate=True), Input(FORM["regions"], "search_value"),
               State(FORM["regions"], "value"), State(FORM["regions"], "options"), State(ids.UI_LANG, "data"),
               prevent_initial_call=True)
def find_regions(typed, chosen, options, lang):
    catalog = current_catalog()
    if catalog is None or not typed or len(typed.strip()) < 2:
        return no_update
    regions = catalog.regions
    needle = typed.strip().casefold()
    hits = regions[regions["name_en"].fillna("").str.casefold().str.contains(needle, regex=False)
                   | regions["name_ru"].fillna("").str.casefold().str.contains(needle, regex=False)
                   | regions["name_zh"].fillna("").str.contains(typed.strip(), regex=False)
                   | regions["region_id"].str.casefold().str.startswith(needle)].head(15)
    fresh = [{**_region_option(catalog, r, lang or "en"), "search": typed} for r in hits["region_id"]]
    kept = [o for o in (options or []) if o["value"] in set(chosen or []) and o["value"] not in set(hits["region_id"])]
    return kept + fresh


@dash.callback(Output(FORM["twinning"], "options"), Input(FORM["places"], "value"), State(FORM["twinning"], "value"),
               State(ids.UI_LANG, "data"), prevent_initial_call=True)
def twinning_choices(places, current, lang):
    """The twinnings among the chosen places (the store's and the registry's)."""
    catalog = current_catalog()
    if catalog is None or not places or len(places) < 2:
        return []
    chosen = set(int(p) for p in places)
    tw = catalog.twinnings
    pairs = {(min(a, b), max(a, b)) for a, b in zip(tw["place_a"], tw["place_b"]) if a in chosen and b in chosen}
    records = service.live_frames(catalog).twinning_records
    pairs |= {(a, b) for a, b in zip(records["place_a"], records["place_b"]) if a in chosen and b in chosen}
    return [{"label": _place_names(catalog, [a], lang or "en") + " – " + _place_names(catalog, [b], lang or "en"),
             "value": f"{a}-{b}"} for a, b in sorted(pairs)]


@dash.callback(Output(PAGE, "children"), Input(ids.URL, "search"), State(SHOWN_LANG, "data"),
               prevent_initial_call=True)
def translate_page(search, shown_lang):
    """Re-render the page in another language (only when the language changes: forms keep their values)."""
    state = state_from_search(search)
    if state.lang == shown_lang:
        return no_update
    return page_body(state)
