"""Presentation mode at "/present?story=<story>&slide=<n>": the saved views of a story as full-screen slides.

The shell's header, filter panel and footer are hidden on this path (dashboard/layout.py gives the shell
the class "presenting"; dashboard/assets/present.css). A slide is the view's title, its description, its
main chart (dashboard.charts.views) filling the screen and its notes in large type, with a thin
progress line and "3 / 7". The slide number is in the URL, so a slide can be shared and the back button
steps back. Keys (dashboard/assets/present.js): → PageDown Space next, ← PageUp previous, Home / End
first / last, F full screen (the Fullscreen API), Esc leaves to the view itself. Without a story (or
with an unknown one) the page lists the stories there are.

The language is the URL's `lang` when given, else the one each view was saved in.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

import dash
from dash import dcc, html

from dashboard.charts.views import view_figure
from dashboard.components.catalog_source import current_catalog
from dashboard.components.graph import graph_config
from dashboard.components.layer_urls import layer_url_for
from dashboard.i18n import LANGUAGES, t, tn
from dashboard.registry import saved_views
from dashboard.registry.database import registry_engine, registry_url
from dashboard.state import state_from_params

dash.register_page(__name__, path="/present", name="Present", title="Borderlinks — presentation", order=86)

DECK = "present-deck"
TITLE = "present-title"
COUNTER = "present-counter"
GRAPH = "present-graph"
NOTES = "present-notes"
PREV = "present-prev"
NEXT = "present-next"
FULLSCREEN = "present-fullscreen"
EXIT = "present-exit"
#: text drawn inside a figure (map labels, matrix counts) is this much larger on a slide
SLIDE_TEXT_SCALE = 1.25


def _engine():
    return registry_engine(registry_url())


def _one(value) -> str | None:
    """A query parameter's value (the last one when repeated)."""
    if isinstance(value, list):
        value = value[-1] if value else None
    return value if isinstance(value, str) else None


def slide_href(story: str, slide: int, lang: str | None) -> str:
    params = {"story": story, "slide": slide, **({"lang": lang} if lang else {})}
    return dash.get_relative_path("/present") + "?" + urlencode(params, quote_via=quote)


def slide_figure(view: saved_views.SavedView, lang: str) -> dict:
    """The view's figure sized by the slide (its own fixed height dropped), without a title margin."""
    catalog = current_catalog()
    figure = view_figure(view.path, view.query, lang, catalog,
                         layer_url=layer_url_for(catalog) if catalog is not None else None)
    figure.update_layout(height=None, autosize=True, font={"size": 16}, legend={"font": {"size": 16}})
    figure.update_xaxes(tickfont={"size": 15})
    figure.update_yaxes(tickfont={"size": 15})
    for trace in figure.data:  # labels on maps and in cells: a quarter larger, for the back of the room
        size = getattr(getattr(trace, "textfont", None), "size", None)
        if isinstance(size, (int, float)):
            trace.textfont.size = round(size * SLIDE_TEXT_SCALE)
    return figure


def chooser(lang: str, notice: str = "") -> html.Div:
    """The stories there are, each a link to its first slide (or how to make one)."""
    groups = [(story, views) for story, views in saved_views.stories(saved_views.list_views(_engine())) if story]
    items = [html.Li(html.A([html.Span(story, className="present-choice-name"),
                             html.Span(tn("views.slides", len(views), lang), className="muted")],
                            href=slide_href(story, 1, lang if lang != "en" else None)))
             for story, views in groups]
    return html.Div(id=DECK, className="present-chooser", children=[
        html.H1(t("present.choose", lang)),
        html.P(notice, className="message error") if notice else None,
        html.Ul(items, className="present-choices") if items else html.P(t("present.no_stories", lang),
                                                                           className="lead"),
        html.A("← " + t("present.back_to_list", lang), href=dash.get_relative_path("/views"), className="button-link"),
    ])


def _nav(label: str, href: str | None, id_: str, title: str) -> html.Component:
    if href is None:  # the first or last slide: shown, not a link
        return html.Span(label, id=id_, className="present-button disabled", title=title, **{"aria-disabled": "true"})
    return dcc.Link(label, href=href, id=id_, className="present-button", title=title)


def deck(story: str, views: list[saved_views.SavedView], number: int, url_lang: str | None) -> html.Div:
    total = len(views)
    view = views[number - 1]
    lang = url_lang or view.lang
    exit_href = dash.get_relative_path(view.path) + view.query
    progress = f"{100.0 * number / total:.3f}%"
    return html.Div(id=DECK, className="present-deck" + (" with-notes" if view.notes else ""), **{
        "data-slide": str(number), "data-count": str(total), "data-exit": exit_href, "lang": lang}, children=[
        html.Header(className="present-head", children=[
            html.H1(view.title, id=TITLE),
            html.P(view.description, className="present-description") if view.description else None,
        ]),
        html.Div(className="present-figure", children=dcc.Graph(
            id=GRAPH, figure=slide_figure(view, lang), responsive=True, style={"height": "100%", "width": "100%"},
            config=graph_config(displayModeBar=False, scrollZoom=False))),
        html.Aside(view.notes, id=NOTES, className="present-notes") if view.notes else None,
        html.Footer(className="present-foot", children=[
            html.Div(className="present-progress", role="progressbar", children=html.Div(
                className="present-progress-bar", style={"width": progress}),
                **{"aria-valuemin": "1", "aria-valuemax": str(total), "aria-valuenow": str(number),
                   "aria-label": t("present.progress", lang, n=number, total=total)}),
            html.Div(className="present-controls", children=[
                html.Span(story, className="present-story"),
                html.Span(t("present.keys", lang), className="present-keys"),
                _nav("←", slide_href(story, number - 1, url_lang) if number > 1 else None, PREV, t("present.prev", lang)),
                html.Span(f"{number} / {total}", id=COUNTER, className="present-counter"),
                _nav("→", slide_href(story, number + 1, url_lang) if number < total else None, NEXT,
                     t("present.next", lang)),
                html.Button(t("present.fullscreen", lang), id=FULLSCREEN, className="present-button",
                            title=t("present.fullscreen", lang) + " (F)"),
                html.A("✕", id=EXIT, href=exit_href, className="present-button", title=t("present.exit", lang),
                       **{"aria-label": t("present.exit", lang)}),
            ]),
        ]),
    ])


def layout(story=None, slide=None, **params) -> html.Div:
    state = state_from_params(params)
    url_lang = _one(params.get("lang")) if _one(params.get("lang")) in LANGUAGES else None
    story = (_one(story) or "").strip()
    if not story:
        return chooser(state.lang)
    views = saved_views.story_views(_engine(), story)
    if not views:
        return chooser(state.lang, t("present.no_story", state.lang, story=story[:80]))
    text = _one(slide) or "1"
    number = int(text) if text.isdigit() and len(text) <= 6 else 1
    return deck(story, views, min(max(number, 1), len(views)), url_lang)
