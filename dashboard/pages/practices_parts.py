"""What the practice pages, /partners and the city and country profiles share: result cards (snippets built
as components from escaped text pieces, so no markup from a practice is ever rendered), sector badges, the
practices list of a profile and the suggested-partners table."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard.charts import practices as library
from dashboard.i18n import format_number, t
from dashboard.pages import profile_parts as parts
from dashboard.registry.practice_search import snippet_segments
from dashboard.registry.search_terms import query_words
from dashboard.registry.sectors import sector_label
from dashboard.state import ViewState

#: a short glyph per sector, shown before its label on cards (plain symbols every font has)
SECTOR_GLYPHS = {"economy": "€", "infrastructure": "⌇", "industry": "⚙", "agriculture": "✿", "housing": "⌂",
                 "open_government": "⚖", "civil_society": "☺", "science": "∑", "education": "✎", "culture": "♫",
                 "sport": "◎", "tourism": "✈", "youth": "★", "social": "♥", "health": "✚", "environment": "❦",
                 "history": "✦"}


def practice_href(slug: str, state: ViewState) -> str:
    return parts.page_href(f"/practices/{slug}", state)


def sector_badges(codes, lang: str) -> html.Div:
    return html.Div([html.Span([html.Span(SECTOR_GLYPHS.get(code, "•"), className="sector-glyph", **{"aria-hidden": "true"}),
                                " ", sector_label(code, lang)], className=f"sector-badge sector-{code}")
                     for code in codes], className="sector-badges")


def snippet(text_value: str, query: str) -> html.P:
    """The snippet with the matching words in <mark>, as components (text stays text)."""
    wanted = {term for word in query_words(query) for term in word.alternatives}
    return html.P([html.Mark(piece) if flag else piece for piece, flag in snippet_segments(text_value or "", wanted)],
                  className="practice-snippet")


def result_card(card: dict, summary: str, query: str, state: ViewState) -> html.Article:
    lang = state.lang
    return html.Article(className="practice-card", children=[
        html.H3(dcc.Link(card["title"], href=practice_href(card["slug"], state), className="practice-link",
                         id={"type": "practice-link", "slug": card["slug"]})),
        html.Div([html.Span(card["period"], className="muted"),
                  *([" · ", html.Span(", ".join(card["places"]), className="practice-places")]
                    if card["places"] else [])], className="small"),
        sector_badges(card["sectors"], lang),
        snippet(summary, query),
    ])


def result_cards(catalog, results: pd.DataFrame, query: str, state: ViewState, limit: int = 50) -> list:
    lang = state.lang
    shown = results.head(limit)
    cards = library.result_cards(catalog, shown, lang)
    summaries = [row.get(f"summary_{lang}") or row["summary_en"] for row in shown.to_dict("records")]
    if not cards:
        return [html.P(t("practices.none", lang), className="hint", id="practices-none")]
    return [result_card(card, summary, query, state) for card, summary in zip(cards, summaries)]


def practices_section(catalog, place_ids, state: ViewState, section_id: str) -> html.Section | None:
    """A profile's published practices (None when it has none)."""
    table = library.practices_of_place(catalog, place_ids, state.lang)
    if table.empty:
        return None
    items = [html.Li([dcc.Link(r.title, href=practice_href(r.slug, state)), " ",
                      html.Span(r.period, className="muted small")]) for r in table.itertuples()]
    return parts.section(t("practices.profile.title", state.lang, count=format_number(len(table), state.lang)),
                         html.Ul(items, className="practice-list", id=section_id))


def suggestions_table(catalog, place_id: int, state: ViewState, emphasis: str = "balanced",
                      top: int = 15, table_id: str = "suggestions-table"):
    """The ranked suggested partners of a place with their reasons in numbers (and the weights used)."""
    lang = state.lang
    try:
        table = library.suggestions(catalog, place_id, lang, emphasis, state.space, top)
    except KeyError:
        return html.P(t("partners.unknown_place", lang), className="hint")
    if table.empty:
        return html.P(t("partners.no_suggestions", lang), className="hint")
    weights = library.emphasis_weights(emphasis)
    weights_text = " · ".join(f"{t('partners.weight.' + name, lang)} {format_number(value, lang)}"
                              for name, value in weights.items())
    rows = [[parts.city_link(r.place_id, r.name, state), r.iso3, format_number(r.score, lang),
             parts.km(r.distance_km, lang), parts.km(r.border_km, lang), format_number(r.population_ratio, lang),
             str(r.shared_sectors), str(r.common_partners), str(r.region_pair_ties),
             t("partners.mutual", lang) if r.mutual_match else str(r.request_matches)]
            for r in table.itertuples()]
    headers = [t(f"partners.col.{name}", lang) for name in ("place", "country", "score", "distance", "border",
                                                             "ratio", "sectors", "common", "region_ties", "requests")]
    return html.Div([html.P([t("partners.weights", lang), " ", weights_text], className="hint",
                            id=f"{table_id}-weights"),
                     html.Div(parts.table(headers, rows, numeric={2, 3, 4, 5, 6, 7, 8}, id=table_id),
                              className="table-scroll")])


def partners_section(catalog, place_id: int, state: ViewState) -> html.Section:
    """The city profile's suggested partners (top 8) with a link to /partners?place=<id>."""
    lang = state.lang
    more = parts.page_href("/partners", state)
    more += ("&" if "?" in more else "?") + f"place={place_id}"
    return parts.section(t("partners.profile.title", lang),
                         suggestions_table(catalog, place_id, state, top=8, table_id="city-suggestions"),
                         dcc.Link(t("partners.profile.more", lang), href=more, id="city-partners-more"),
                         class_name="profile-suggestions")
