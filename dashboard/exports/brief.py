"""PDF briefs, A4 landscape: a country profile (`country_brief`) or a saved view (`view_brief`).

A brief is an HTML document (inline SVG figures rendered by kaleido, tables, the sources) printed to PDF by
the same system Chromium (dashboard.exports.render), offline; fonts are the system's (DejaVu covers
Cyrillic). Pages:
  1. cover: title, what it shows (the filters in words), data as of, when made;
  2. the figure(s), one per page, as on screen with a title and the source line;
  3. key figures and the top ties (tables);
  4. sources and attribution.
Each builder takes a `progress(fraction, step)` callback (dashboard.exports.jobs) and returns (pdf bytes,
file name).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
import tempfile
from pathlib import Path

from dashboard import charts
from dashboard.charts.views import chart_of, view_figure, view_title
from dashboard.exports import sources
from dashboard.exports.captions import filters_in_words
from dashboard.exports.decorate import for_export
from dashboard.exports.jobs import render_slot
from dashboard.exports.render import renderer
from dashboard.figures import theme
from dashboard.figures.map_style import format_count, format_share
from dashboard.i18n import format_date, t
from dashboard.state import ViewState
from dashboard.store import queries
from dashboard.store.spaces import space_caption

#: the figures' size in a brief (CSS px), scaled to the printable width of A4 landscape (269 mm)
FIGURE_WIDTH, FIGURE_HEIGHT = 1200, 740
TOP_ROWS = 15

CSS = f"""
@page {{ size: A4 landscape; margin: 12mm 14mm; }}
* {{ box-sizing: border-box; }}
body {{ font-family: "DejaVu Sans", {theme.FONT_FAMILY}; color: {theme.INK}; margin: 0; font-size: 11pt; }}
section {{ page-break-after: always; break-after: page; height: 184mm; position: relative; overflow: hidden; }}
section:last-child {{ page-break-after: auto; break-after: auto; }}
.cover {{ display: flex; flex-direction: column; justify-content: center; padding: 0 12mm;
          border-left: 6mm solid {theme.BLUE}; }}
.brand {{ color: {theme.BLUE}; font-weight: 700; letter-spacing: .04em; text-transform: uppercase; font-size: 12pt; }}
h1 {{ font-size: 30pt; margin: 6mm 0 4mm; line-height: 1.15; }}
h2 {{ font-size: 16pt; margin: 0 0 4mm; }}
.what {{ font-size: 14pt; color: {theme.INK_MUTED}; margin: 0 0 8mm; }}
.meta {{ font-size: 11pt; color: {theme.INK_MUTED}; margin: 1mm 0; }}
.figure img {{ width: 100%; height: auto; display: block; }}
.kpis {{ display: flex; gap: 4mm; margin-bottom: 6mm; flex-wrap: wrap; }}
.kpi {{ border: 1px solid {theme.LINE}; border-radius: 2mm; padding: 3mm 4mm; min-width: 38mm; }}
.kpi b {{ display: block; font-size: 18pt; }}
.kpi span {{ color: {theme.INK_MUTED}; font-size: 9.5pt; }}
.tables {{ display: flex; gap: 8mm; }}
.tables > div {{ flex: 1; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9.5pt; }}
th, td {{ text-align: left; padding: 1.2mm 2mm; border-bottom: 1px solid {theme.LINE}; }}
th {{ color: {theme.INK_MUTED}; font-weight: 600; }}
td.num, th.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
ul {{ padding-left: 5mm; }} li {{ margin: 1.5mm 0; }}
.foot {{ position: absolute; bottom: 0; left: 0; right: 0; font-size: 8.5pt; color: {theme.INK_MUTED}; }}
"""


def _e(value) -> str:
    return html.escape(str(value if value is not None else ""))


def _svg_img(svg: bytes, width: int, height: int) -> str:
    """An <img> of the SVG (with a viewBox, so it scales to the page's width)."""
    text = svg.decode("utf-8")
    if "viewBox" not in text[:600]:
        text = re.sub(r"<svg\b", f'<svg viewBox="0 0 {width} {height}"', text, count=1)
    data = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f'<img alt="" src="data:image/svg+xml;base64,{data}">'


def _table(headers: list[str], rows: list[list], numeric: set[int] = frozenset()) -> str:
    def cell(tag, k, value):
        return f'<{tag}{" class=num" if k in numeric else ""}>{_e(value)}</{tag}>'
    head = "".join(cell("th", k, h) for k, h in enumerate(headers))
    body = "".join("<tr>" + "".join(cell("td", k, v) for k, v in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _kpis(items: list[tuple[str, str]]) -> str:
    return '<div class="kpis">' + "".join(f'<div class="kpi"><b>{_e(v)}</b><span>{_e(k)}</span></div>'
                                          for k, v in items) + "</div>"


def _document(lang: str, sections: list[str]) -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Borderlinks</title>'
            f"<style>{CSS}</style></head><body>{''.join(sections)}</body></html>")


def _cover(title: str, what: str, catalog, lang: str, kind_key: str) -> str:
    built = getattr(catalog, "built_at", "")
    return (f'<section class="cover"><div class="brand">Borderlinks · {_e(t(kind_key, lang))}</div>'
            f"<h1>{_e(title)}</h1><p class=what>{_e(what)}</p>"
            f"<p class=meta>{_e(t('footer.data_as_of', lang, date=format_date(built, lang)))}</p>"
            f"<p class=meta>{_e(t('exports.brief.made', lang, date=format_date(dt.date.today(), lang)))}</p>"
            "</section>")


def _figure_page(figure: dict, title: str, subtitle: str, datasets, catalog, lang: str, space: str = "") -> str:
    decorated = for_export(figure, title=title, subtitle=subtitle, width=FIGURE_WIDTH, height=FIGURE_HEIGHT,
                           source_line=sources.source_line(datasets, getattr(catalog, "built_at", ""), lang, space))
    with render_slot():
        svg = renderer().image(decorated, "svg", FIGURE_WIDTH, FIGURE_HEIGHT, 1)
    return f'<section class="figure">{_svg_img(svg, FIGURE_WIDTH, FIGURE_HEIGHT)}</section>'


def _sources_page(catalog, datasets, lang: str) -> str:
    lines = "".join(f"<li>{_e(line)}</li>" for line in sources.attribution_lines(lang))
    return (f"<section><h2>{_e(t('exports.brief.sources', lang))}</h2>"
            f"<p>{_e(sources.source_line(datasets, getattr(catalog, 'built_at', ''), lang))}</p>"
            f"<ul>{lines}</ul><p class=meta>{_e(t('exports.brief.more', lang))}</p></section>")


def _print(document: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="borderlinks-brief-") as folder:
        path = Path(folder) / "brief.html"
        path.write_text(document, encoding="utf-8")
        with render_slot():
            return renderer().pdf(path)


def _tables_page(heading: str, kpis: str, left: tuple[str, str], right: tuple[str, str]) -> str:
    """The key figures above two tables side by side, each (title, html)."""
    columns = "".join(f"<div><h2>{_e(title)}</h2>{table}</div>" for title, table in (left, right))
    return f"<section><h2>{_e(heading)}</h2>{kpis}<div class=tables>{columns}</div></section>"


def _finish(lang: str, sections: list[str], progress) -> bytes:
    """The document of `sections` printed to PDF, the progress reported."""
    progress(0.75, "pdf")
    pdf = _print(_document(lang, sections))
    progress(0.98, "done")
    return pdf


def _quiet(fraction: float, step: str) -> None:
    return None


# ---- the country profile ------------------------------------------------------------------------------------------

def country_brief(catalog, iso3: str, state: ViewState, progress=_quiet) -> tuple[bytes, str]:
    lang = state.lang
    presenter = charts.get("country-map")
    request = charts.Request(catalog, state, {"iso3": iso3})
    map_data = presenter.data(request)
    profile = map_data.profile
    progress(0.05, "figures")
    f = profile.figures
    names_line = " · ".join(x for x in (profile.names.get("ru" if lang == "en" else "en"), profile.iso3) if x)
    cover = _cover(profile.name, names_line, catalog, lang, "exports.brief.country")
    figure_page = _figure_page(presenter.figure(request, map_data), presenter.title(state, map_data),
                               t("exports.brief.all_ties", lang), presenter.datasets, catalog, lang)
    progress(0.6, "tables")
    kpis = _kpis([
        (t("profile.kpi.cities", lang), format_count(f["cities"], lang)),
        (t("profile.kpi.twinnings", lang), format_count(f["twinnings"], lang)),
        (t("profile.kpi.partner_countries", lang), format_count(f["partner_countries"], lang)),
        (t("profile.kpi.neighbours", lang), format_share(f["share_neighbours"], lang)),
        (t("profile.kpi.domestic", lang), format_count(f["domestic"], lang)),
    ])
    partners = _table([t("exports.brief.partner_country", lang), t("profile.kpi.twinnings", lang),
                       t("profile.neighbour", lang)],
                      [[r.name, format_count(r.twinnings, lang), "✓" if r.neighbour else ""]
                       for r in profile.partner_countries.head(TOP_ROWS).itertuples()], numeric={1})
    cities = _table([t("network.table.city", lang), t("profile.kpi.twinnings", lang),
                     t("profile.kpi.partner_countries", lang)],
                    [[r.name, format_count(r.twinnings, lang), format_count(r.partner_countries, lang)]
                     for r in profile.cities.head(TOP_ROWS).itertuples()], numeric={1, 2})
    tables = _tables_page(t("exports.brief.key_figures", lang, subject=profile.name), kpis,
                          (t("exports.brief.top_partners", lang), partners), (t("profile.country.cities", lang), cities))
    pdf = _finish(lang, [cover, figure_page, tables, _sources_page(catalog, sources.NETWORK, lang)], progress)
    return pdf, f"borderlinks-brief-{profile.iso3}-{lang}.pdf"


# ---- a saved view -------------------------------------------------------------------------------------------------

def view_brief(catalog, path: str, query: str, progress=_quiet, title: str | None = None) -> tuple[bytes, str]:
    """A saved view: its page's main chart (dashboard.charts.views), the key figures and the top country pairs
    of its filter."""
    state = ViewState.from_query(query)
    lang = state.lang
    what = filters_in_words(catalog, state)
    chart_title = view_title(path, query, lang, catalog)
    heading = title or chart_title
    progress(0.05, "figures")
    cover = _cover(heading, what, catalog, lang, "exports.brief.view")
    chart = chart_of(path, query, lang)
    datasets = charts.get(chart[0]).datasets if chart else sources.NETWORK
    figure_page = _figure_page(view_figure(path, query, lang, catalog=catalog), chart_title, what, datasets,
                               catalog, lang, space_caption(state, catalog.countries))
    progress(0.6, "tables")
    view = queries.filtered_view(catalog, state)
    k = view.kpis
    kpis = _kpis([(t("exports.brief.kpi.twinnings", lang), format_count(k["twinnings"], lang)),
                  (t("exports.brief.kpi.places", lang), format_count(k["places"], lang)),
                  (t("exports.brief.kpi.countries", lang), format_count(k["countries"], lang)),
                  (t("exports.brief.kpi.cross_border", lang), format_share(k["cross_border_share"], lang))])
    request = charts.Request(catalog, state, {"top": TOP_ROWS})
    pairs = charts.get("network-pairs").rows(request)[0].head(TOP_ROWS)
    ties = _table([t("exports.brief.country_pair", lang), t("profile.kpi.twinnings", lang)],
                  [[f"{r.country_a} — {r.country_b}" if r.iso3_a != r.iso3_b
                    else t("network.cell.domestic", lang, country=r.country_a),
                    format_count(r.twinnings, lang)] for r in pairs.itertuples()], numeric={1})
    ranking = charts.get("network-cities-twinnings").rows(request)[0]
    cities = _table([t("network.table.city", lang), t("network.table.country", lang), t("profile.kpi.twinnings", lang)],
                    [[r.name, r.country, format_count(r.twinnings, lang)] for r in ranking.itertuples()], numeric={2})
    tables = _tables_page(t("exports.brief.key_figures", lang, subject=heading), kpis,
                          (t("exports.brief.top_pairs", lang), ties), (t("network.cities.by_twinnings", lang), cities))
    pdf = _finish(lang, [cover, figure_page, tables, _sources_page(catalog, sources.NETWORK, lang)], progress)
    slug = "".join(ch if ch.isalnum() else "-" for ch in heading.lower())[:40].strip("-") or "view"
    return pdf, f"borderlinks-brief-{slug}.pdf"
