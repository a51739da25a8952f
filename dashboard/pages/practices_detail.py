"""One practice at its stable address "/practices/<slug>": titles (in the page's language and the original),
period, sectors, the places (links to their profiles) on a small map with its transfers as flows, the problem,
what was done, results, the organisation and its public contact, the sources, where it came from and where
it went (transfers), related activities and twinnings, a PDF card and the API link.

Only published practices are shown: any other slug is "not found", as for the API."""

from __future__ import annotations

import dash
import pandas as pd
from dash import dcc, html

from dashboard import charts
from dashboard.charts import practices as library
from dashboard.components.catalog_source import current_catalog
from dashboard.components.graph import graph_config
from dashboard.figures.practices import sized_by_its_box
from dashboard.i18n import t
from dashboard.pages import practices_parts as cards
from dashboard.pages import profile_parts as parts
from dashboard.registry.links import web_address
from dashboard.registry.practices import text_in
from dashboard.state import ViewState, state_from_params
from dashboard.web.urls import API_PREFIX, EXPORT_PREFIX


def _title(slug=None, **_):
    catalog = current_catalog()
    if catalog is not None and slug:
        try:
            return "Borderlinks — " + library.practice_detail(catalog, str(slug), "en").record["title_en"]
        except KeyError:
            pass
    return "Borderlinks — practices"


dash.register_page(__name__, path_template="/practices/<slug>", name="Practice", title=_title, order=23)

MAP = "practice-map"


LONG_TEXTS = ("problem", "actions", "results", "organisation")


def _text_block(name: str, shown: tuple[str | None, str], lang: str):
    """A long text of the practice as `text_in` gives it: in `lang`, else in its original language (which
    its `lang` attribute says)."""
    value, language = shown
    if value is None:
        return None
    return html.Section([html.H2(t(f"practices.{name}", lang)), html.P(value, **_language_of(language, lang))],
                        className="practice-text", id=f"practice-{name}")


def _language_of(original: str, lang: str) -> dict:
    """The `lang` attribute of a text written in `original` shown in the `lang` interface (none if the same)."""
    return {"lang": original} if original and original != lang else {}


def _link(url: str):
    return html.A(url, href=url, target="_blank", rel="noopener noreferrer") if web_address(url) else html.Span(url)


def practice_content(catalog, slug: str, state: ViewState) -> list:
    lang = state.lang
    try:
        detail = library.practice_detail(catalog, slug, lang)
    except KeyError:
        return [parts.not_found(t("practices.not_found", lang, slug=slug), state)]
    record = detail.record
    title = library.local_title(record, lang)
    original = record.get(f"title_{record['original_language']}")
    summary = record.get(f"summary_{lang}") or record["summary_en"]
    original_lang = record["original_language"] or "en"
    # problem, actions, results and organisation in `lang` where translated, else as recorded (then said so)
    shown = {name: text_in(record, name, lang) for name in LONG_TEXTS}
    in_original = any(text and language != lang for text, language in shown.values())
    organisation, organisation_lang = shown["organisation"]
    places = [parts.city_link(p.place_id, p.name, state) for p in detail.places.itertuples()]
    joined_places = [item for i, link in enumerate(places) for item in ([", "] if i else []) + [link]]
    transfers = [[parts.city_link(r.from_place, r.from_name, state), parts.city_link(r.to_place, r.to_name, state),
                  "" if pd.isna(r.year) else str(int(r.year)), _link(r.source_url) if r.source_url else "",
                  r.note or ""] for r in detail.transfers.itertuples()]
    query = f"id={slug}" + (f"&lang={lang}" if lang != "en" else "")
    contact = record.get("contact")
    return [
        html.Nav(className="breadcrumb", children=[dcc.Link(t("page.practices", lang),
                                                            href=parts.page_href("/practices", state)),
                                                   " / ", html.Span(t("practices.kind", lang))]),
        html.Div(className="profile-title", children=[
            html.H1(title, id="practice-title"),
            *([html.Span(original, className="profile-other-name", **_language_of(original_lang, lang))]
              if original and original != title else [])]),
        html.P([library.period_text(record["period_start"], record["period_end"], lang), " · ", *joined_places],
               className="profile-facts"),
        cards.sector_badges(detail.sectors, lang),
        html.P(summary, className="lead", id="practice-summary",
               **_language_of("en" if not record.get(f"summary_{lang}") else lang, lang)),
        html.Div(className="profile-actions", children=[
            html.A(t("practices.pdf", lang), href=dash.get_relative_path(f"{EXPORT_PREFIX}/practices-map.pdf?{query}"),
                   className="button", id="practice-pdf"),
            html.A(t("profile.api", lang), href=dash.get_relative_path(f"{API_PREFIX}/practices/{slug}")
                   + (f"?lang={lang}" if lang != "en" else ""), className="button-quiet", target="_blank"),
        ]),
        html.Div(className="profile-grid", children=[
            html.Div(className="profile-map", children=[
                dcc.Graph(id=MAP, figure=sized_by_its_box(
                    charts.get("practices-map").figure(charts.Request(catalog, state, {"id": slug}))),
                          config=graph_config(), className="practices-map")]),
            html.Div([*([html.P(t("practices.original_text", lang, language=t(f"language.{original_lang}", lang)),
                                className="hint", id="practice-original-note")] if in_original else []),
                      *[block for block in (
                _text_block("problem", shown["problem"], lang), _text_block("actions", shown["actions"], lang),
                _text_block("results", shown["results"], lang)) if block is not None]]),
        ]),
        parts.section(t("practices.transfers", lang),
                      parts.table([t("practices.transfer.from", lang), t("practices.transfer.to", lang),
                                   t("practices.transfer.year", lang), t("practices.transfer.source", lang),
                                   t("practices.transfer.note", lang)], transfers, id="practice-transfers")
                      if transfers else html.P(t("practices.no_transfers", lang), className="hint")),
        parts.section(t("practices.organisation", lang), html.P([
            html.Span(organisation or "—", id="practice-organisation", **_language_of(organisation_lang, lang)),
            *([" · ", _link(contact)] if contact else [])])),
        parts.section(t("practices.sources", lang),
                      html.Ul([html.Li(_link(url)) for url in (record.get("sources") or "").split()],
                              className="sources", id="practice-sources")),
        related_section(catalog, detail, state),
    ]


def related_section(catalog, detail, state: ViewState):
    lang = state.lang
    twinnings, activities = library.related_ties(catalog, detail, lang)
    items = [html.Li([parts.city_link(r.place_a, r.name_a, state), " — ", parts.city_link(r.place_b, r.name_b, state),
                      " ", html.Span(t("practices.related.twinning", lang), className="muted small")])
             for r in twinnings.itertuples()]
    items += [html.Li([html.Span(str(r.title)), " ",
                       html.Span(pd.Timestamp(r.start_date).strftime("%Y-%m-%d"), className="muted small")])
              for r in activities.itertuples()]
    body = html.Ul(items, id="practice-related") if items else html.P(t("practices.related.none", lang), className="hint")
    return parts.section(t("practices.related", lang), body)


def layout(slug=None, **params) -> html.Article:
    state = state_from_params(params)
    catalog = current_catalog()
    if catalog is None:
        return parts.no_store(state)
    return html.Article(practice_content(catalog, str(slug or ""), state), className="profile-page practice-page")
