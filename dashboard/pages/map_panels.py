"""The map page's HTML pieces: key-figure strip, legend and the chosen city's card.

Pure builders of Dash html components from query results and a language; no callbacks here.
Styles are inline (the page's own look; the shared stylesheet gives .kpi, .place-card, ...).
"""

from __future__ import annotations

from collections import Counter

import dash
import pandas as pd
from dash import dcc, html

from dashboard.components import tie_life
from dashboard.figures import theme
from dashboard.figures.map_flows import flow_level, shows_city_links
from dashboard.figures.map_network import INACTIVE_LINK_STYLE, LINK_HOVER_LIMIT, MAX_PLACE_MARKERS, marker_sizes
from dashboard.figures.map_style import format_count, format_share, rgba
from dashboard.i18n import format_compact, format_population, t, tn
from dashboard.state import ViewState
from dashboard.store import network, queries, tie_status
from dashboard.store.names import name_key

PARTNER_BUTTON = "map-partner"   # pattern-matching id type of the card's partner buttons
CLEAR_SELECTION = "map-clear-selection"  # pattern-matching id type of the card's "Clear"

TOOLBAR_STYLE = {"display": "flex", "alignItems": "flex-end", "gap": "16px", "padding": "8px 16px",
                 "borderBottom": f"1px solid {theme.LINE}", "flexWrap": "wrap"}
KPI_STRIP_STYLE = {"flex": "1 1 auto", "padding": "0", "border": "none"}
NOTICE_STYLE = {"position": "absolute", "top": "12px", "left": "50%", "transform": "translateX(-50%)",
                "zIndex": 5, "padding": "6px 12px", "background": "rgba(255,255,255,0.95)",
                "border": f"1px solid {theme.LINE}", "borderRadius": "8px", "fontWeight": 600}
LEGEND_STYLE = {
    # in the side panel beside the map (CSS .map-side), under the city card
    "padding": "6px 10px", "background": "rgba(255,255,255,0.96)", "border": f"1px solid {theme.LINE}",
    "borderRadius": "8px", "boxShadow": "0 2px 10px rgba(31,35,40,0.12)", "fontSize": "12.5px",
    "lineHeight": "1.3",
}
_ITEM = {"display": "flex", "alignItems": "center", "gap": "7px", "margin": "2px 0"}
_SWATCH = {"display": "inline-flex", "flex": "0 0 20px", "height": "12px", "boxSizing": "border-box",
           "justifyContent": "center", "alignItems": "center"}
_NOTE = {"color": theme.INK_MUTED, "fontSize": "11.5px", "marginTop": "3px"}


# ---- key figures -------------------------------------------------------------------------------------------

def kpi_items(kpis: dict, lang: str) -> list:
    """The four key figures of the current filter, formatted for `lang`."""
    figures = [
        ("places", format_count(kpis["places"], lang), "map.kpi.places.help"),
        ("twinnings", format_count(kpis["twinnings"], lang), None),
        ("countries", format_count(kpis["countries"], lang), "map.kpi.countries.help"),
        ("cross_border", format_share(kpis["cross_border_share"], lang), "map.kpi.cross_border.help"),
    ]
    return [
        html.Div(className="kpi", id=f"kpi-{key}", title=t(help_key, lang) if help_key else None, children=[
            html.Div(value, className="kpi-value"),
            html.Div(t(f"map.kpi.{key}", lang), className="kpi-label"),
        ])
        for key, value, help_key in figures
    ]


# ---- legend ------------------------------------------------------------------------------------------------

def _item(swatch, label: str, shown: bool = True, lang: str = "en", help_text: str | None = None,
          key: str = "") -> html.Div:
    """One legend row: a swatch (style dict or component) and its label; greyed when the layer is off."""
    style = dict(_ITEM)
    if not shown:
        style["opacity"] = 0.45
        label = f"{label} ({t('map.legend.hidden', lang)})"
    swatch_span = (html.Span(style={**_SWATCH, **swatch}) if isinstance(swatch, dict)
                   else html.Span(swatch, style=_SWATCH))
    return html.Div(style=style, title=help_text, className=f"legend-item legend-{key}" if key else None,
                    children=[swatch_span, html.Span(label)])


def _circle(diameter: float, fill: str, line: str) -> html.Span:
    return html.Span(style={"display": "inline-block", "width": f"{diameter:.0f}px",
                            "height": f"{diameter:.0f}px", "borderRadius": "50%", "background": fill,
                            "border": f"1px solid {line}", "flex": "0 0 auto"})


def size_scale(size_by: str, lang: str) -> html.Div:
    """Three sample circles with their values (the scale is fixed, so they mean the same always)."""
    samples = (1, 10, 50) if size_by == "partners" else (100_000, 1_000_000, 10_000_000)
    diameters = marker_sizes(samples, size_by)
    return html.Div(className="legend-size-scale", style={"display": "flex", "alignItems": "flex-end",
                                                          "gap": "9px", "margin": "0 0 2px 27px"}, children=[
        html.Span(style={"display": "inline-flex", "flexDirection": "column", "alignItems": "center"},
                  children=[_circle(d, rgba(theme.BLUE, 0.85), theme.PAGE),
                            html.Span(_short_number(v, lang), style={"fontSize": "11px"})])
        for v, d in zip(samples, diameters)
    ])


def _short_number(value: int, lang: str) -> str:
    return format_compact(value, lang, decimals=0)


def flow_legend(state: ViewState, lang: str) -> list:
    """The summed flows' entry and what their widths mean (nothing when the map draws no flows)."""
    level = flow_level(state)
    if level is None:
        return []
    colour = rgba(theme.BLUE if level == "countries" else theme.PURPLE, 0.6)
    key = "map.legend.flows" if level == "countries" else "map.legend.region_flows"
    return [_item({"height": "0", "borderTop": f"5px solid {colour}"}, t(key, lang), "links" in state.layers, lang,
                  key="flows"),
            html.Div(t("map.legend.flow_widths" if level == "countries" else "map.legend.flow_widths_regions", lang),
                     style=_NOTE, className="legend-flow-widths")]


def inactive_ties_legend(state: ViewState, view: queries.FilteredView, arcs: bool, lang: str) -> list:
    """Suspended and ended ties: their line styles when the status filter shows them, and their count in
    the selection either way (counted apart from the active ties)."""
    counts = view.kpis.get("ties_by_status", {})
    suspended, ended = counts.get("suspended", 0), counts.get("ended", 0)
    shown = tie_status.SHOWN[state.status]
    items = [_item({"height": "0", "borderTop": f"2px {'dashed' if dash == 'dash' else 'dotted'} {colour}"},
                   t(f"map.legend.{key}", lang), arcs, lang, key=key.replace("_", "-"))
             for key, (colour, dash) in INACTIVE_LINK_STYLE.items() if key.removesuffix("_links") in shown]
    if suspended or ended:
        hint = "map.legend.inactive_count" if items else "map.legend.inactive_hint"
        items.append(html.Div(t(hint, lang, suspended=format_count(suspended, lang), ended=format_count(ended, lang)),
                              id="map-legend-inactive", style=_NOTE))
    return items


def legend(state: ViewState, view: queries.FilteredView, lang: str) -> list:
    """Legend entries of every layer (hidden ones greyed), in `lang`; details in tooltips."""
    layers = set(state.layers)
    country = {"background": theme.LAND, "border": f"1px solid {theme.BORDER}"}
    items = [
        html.Summary(t("map.legend.title", lang), className="map-legend-title",
                     title=t("map.legend.fold", lang)),
        _item(country, t("map.legend.countries", lang), "countries" in layers, lang, key="countries"),
    ]
    if view.countries:
        items.append(_item({**country, "background": theme.LAND_SELECTED},
                           t("map.legend.countries_selected", lang), "countries" in layers, lang,
                           key="countries-selected"))
    items += flow_legend(state, lang)
    arcs = shows_city_links(state)  # summed flows stand for the city arcs: then they are not listed
    items += [
        _item({"background": rgba(theme.GREEN, 0.15), "border": f"1px solid {rgba(theme.GREEN, 0.5)}"},
              t("map.legend.border_regions", lang), "border_regions" in layers, lang,
              t("map.legend.border_regions.help", lang), key="border-regions"),
        _item({"border": f"1.5px solid {theme.VERMILLION}",
               "background": f"repeating-linear-gradient(135deg, {theme.VERMILLION} 0 1px, transparent 1px 4px)"},
              t("map.legend.disputed", lang), "disputed" in layers, lang, t("map.legend.disputed.help", lang),
              key="disputed"),
        *([_item({"height": "0", "borderTop": f"2px solid {theme.BLUE}"}, t("map.legend.links", lang),
                 "links" in layers, lang, key="links"),
           _item({"height": "0", "borderTop": f"2px solid {theme.GREEN}"}, t("map.legend.neighbour_links", lang),
                 "links" in layers, lang, key="neighbour-links")] if arcs else []),
        *inactive_ties_legend(state, view, arcs, lang),
        _item(_circle(9, rgba(theme.BLUE, 0.85), theme.PAGE), t(f"map.legend.places.{state.size_by}", lang),
              "places" in layers, lang, key="places"),
    ]
    if "places" in layers:
        items.append(size_scale(state.size_by, lang))
    items.append(_item(_circle(5, theme.PAGE, theme.INK_MUTED), t("map.legend.other_places", lang),
                       "places" in layers, lang, key="other-places"))
    if state.place is not None:
        items.append(_item(_circle(11, theme.ORANGE, theme.INK), t("map.legend.selection", lang), lang=lang,
                           key="selection"))
    if len(view.linked_places) > MAX_PLACE_MARKERS and "places" in layers:
        items.append(html.Div(tn("map.legend.places_capped", len(view.linked_places), lang,
                                 shown=format_count(MAX_PLACE_MARKERS, lang)),
                              title=t("map.legend.places_capped.help", lang), style=_NOTE))
    if len(view.links) > LINK_HOVER_LIMIT and "links" in layers:
        items.append(html.Div(t("map.legend.link_hover_off", lang, limit=format_count(LINK_HOVER_LIMIT, lang)),
                              style=_NOTE))
    return items


# ---- the chosen city ---------------------------------------------------------------------------------------

def _partner_row(row, names, countries, lang: str) -> html.Li:
    distance = t("map.card.distance", lang, km=format_count(row.distance_km, lang))
    details = f"{countries.get(row.iso3, row.iso3 or '')} · {distance}"
    if row.crosses_land_border:
        details += f" · {t('map.card.neighbour', lang)}"
    life = tie_life.life_text(row, lang)
    source = tie_life.source_link(row, lang)
    status = getattr(row, "status", "active") or "active"
    return html.Li(style={"margin": "0", "listStyle": "none"}, className=f"partner-tie tie-{status}", children=[
        html.Button(
            id={"type": PARTNER_BUTTON, "place": int(row.place_id)}, n_clicks=0,
            className="partner-button",
            style={"display": "block", "width": "100%", "textAlign": "left", "border": "none",
                   "background": "none", "padding": "4px 2px", "cursor": "pointer", "font": "inherit",
                   "borderBottom": f"1px solid {theme.FILL}"},
            children=[html.Span(names[row.Index], style={"fontWeight": 600, "color": theme.INK}),
                      html.Br(),
                      html.Span(details, style={"fontSize": "0.85rem", "color": theme.INK_MUTED}),
                      *([html.Br(), html.Span(life, className="tie-life", style={"fontSize": "0.85rem"})]
                        if life else [])]),
        *([html.Div(source, style={"fontSize": "0.8rem", "padding": "0 2px 4px"})] if source is not None
          and status != "active" else []),
    ])


def place_card(catalog, selected: pd.Series | None, partners: pd.DataFrame | None, lang: str,
               query: str = "") -> list:
    """The chosen city: name, country, region, population, a link to its profile (with the view state's
    `query`), then its twins in view (nearest first) and those outside the filter. Without a selection: a hint."""
    if selected is None or partners is None:
        return [html.P(t("map.place_card.empty", lang), className="place-card-hint")]
    countries = queries.country_names(catalog.countries, lang)
    one = selected.to_frame().T
    name = queries.localized(one, lang).iloc[0]
    regions = catalog.regions[catalog.regions["region_id"] == selected["region_id"]]
    region = queries.localized(regions, lang).iloc[0] if len(regions) else None
    population = selected["population"]
    facts = [countries.get(selected["iso3"], selected["iso3"])]
    if region:
        facts.append(region)
    if population is not None and not pd.isna(population) and population > 0:
        facts.append(t("map.card.population", lang, count=format_population(population, lang)))
    names = queries.localized(partners, lang).fillna("").to_numpy()
    in_view = [row for row in partners.itertuples() if row.in_view]
    outside = [row for row in partners.itertuples() if not row.in_view]
    children = [
        html.Div(style={"display": "flex", "justifyContent": "space-between", "alignItems": "baseline",
                        "gap": "8px"}, children=[
            html.H2(name, id="place-card-name", style={"fontSize": "1.2rem", "margin": "0"}),
            html.Button(t("map.card.clear", lang), id={"type": CLEAR_SELECTION, "place": int(selected["place_id"])},
                        n_clicks=0, className="button-quiet"),
        ]),
        html.P(" · ".join(str(f) for f in facts),
               style={"margin": "2px 0 4px", "color": theme.INK_MUTED, "fontSize": "0.9rem"}),
        html.P(dcc.Link(t("map.card.profile", lang), id="place-card-profile",
                        href=dash.get_relative_path(f"/city/{int(selected['place_id'])}") + query),
               style={"margin": "0 0 8px", "fontSize": "0.9rem"}),
    ]
    if partners.empty:
        children.append(html.P(t("map.card.none", lang), className="place-card-hint"))
        return children
    children.append(html.H3(t("map.card.partners", lang, count=len(in_view)),
                            style={"fontSize": "0.95rem", "margin": "6px 0 2px"}))
    children.append(html.Ul([_partner_row(row, names, countries, lang) for row in in_view],
                            id="place-card-partners", style={"padding": "0", "margin": "0"}))
    if outside:
        children.append(html.H3(t("map.card.outside", lang, count=len(outside)),
                                style={"fontSize": "0.95rem", "margin": "10px 0 2px",
                                       "color": theme.INK_MUTED}))
        children.append(html.Ul([_partner_row(row, names, countries, lang) for row in outside],
                                id="place-card-outside",
                                style={"padding": "0", "margin": "0", "opacity": 0.7}))
    return children


def empty_notice(state: ViewState, view: queries.FilteredView, lang: str) -> str:
    """A sentence over the map when nothing is shown, '' otherwise."""
    if len(view.links):
        return ""
    if state.link_scope == "between" and len(state.pair) != 2:
        return t("map.empty.between", lang)
    return t("map.empty.none", lang)


def told_apart(catalog, found: pd.DataFrame, options: list[dict], lang: str) -> list[dict]:
    """Options whose labels are the same ("Благовещенск · Россия" twice) get their region in the label."""
    counts = Counter(option["label"] for option in options)
    regions = network.region_name_map(catalog, lang)
    out = []
    for option, region_id in zip(options, found["region_id"]):
        region = regions.get(region_id) if isinstance(region_id, str) else None
        if counts[option["label"]] > 1 and region:
            name, _, country = option["label"].rpartition(" · ")
            option = {**option, "label": f"{name} · {region} · {country}"}
        out.append(option)
    return out


def shown_names_first(options: list[dict], typed: str) -> list[dict]:
    """Only the options whose shown name matches what was typed, when there are any: a place found by a
    name the list does not show (an old or foreign name) would look like a wrong answer (Пушкин for
    «Благовещенск»); when none shows it, the others stay, as they are all there is."""
    query = name_key(typed)
    shown = [o for o in options if (" " + name_key(o["search"].removesuffix(typed).strip())).find(" " + query) >= 0]
    return shown or options


def place_option(catalog, row, lang: str, typed: str = "") -> dict:
    """A search-box option: "Name · Country", searchable by its other names and what was typed."""
    countries = queries.country_names(catalog.countries, lang)
    one = pd.DataFrame([row])
    name = queries.localized(one, lang).iloc[0]
    other = queries.localized(one, "ru" if lang == "en" else "en").iloc[0]
    label = f"{name} · {countries.get(row['iso3'], row['iso3'] or '')}"
    return {"label": label, "value": int(row["place_id"]),
            "search": " ".join(str(s) for s in (name, other, typed) if s)}

