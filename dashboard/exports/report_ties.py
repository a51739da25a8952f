"""The state-of-ties report for a space and a period, in DOCX (editable) and PDF, in Russian or English.

    body, name = make_report(catalog, {"countries": "RUS,BLR", "from": "2023-01-01", "to": "2025-12-31"},
                             fmt="docx", lang="ru", progress=lambda fraction, step: None)

The report is a list of blocks (headings, paragraphs, tables, the map as a picture) made once from
dashboard.charts.monitoring — the same numbers as the /monitoring page and /api/v1/monitoring/ties —
then written by dashboard.exports.report_ties_render as a DOCX (python-docx) or as HTML printed to PDF
by the export Chromium. Sections: summary figures; the map of the ties; what changed since the previous
meeting; the action plan's progress; the activities with their sources; dormant ties with their last
activity; a note on data coverage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from dashboard.charts.monitoring import activities_table, monitoring_data, plan_table, space_name, ties_table
from dashboard.exports.jobs import render_slot
from dashboard.exports.render import renderer
from dashboard.exports.report_ties_render import Report, docx_bytes, pdf_bytes
from dashboard.figures import monitoring as figures
from dashboard.i18n import format_date, format_number, t
from dashboard.registry.monitoring_summary import TiesMonitoring
from dashboard.registry.monitoring_ties import TIE_STATES
from dashboard.registry.sectors import sector_label
from dashboard.registry.statuses import ACTIVITY_STATUSES

FORMATS = ("docx", "pdf")
REPORT_LANGUAGES = ("ru", "en")
MAP_WIDTH, MAP_HEIGHT, MAP_SCALE = 1400, 760, 1.5
MAX_ACTIVITY_ROWS = 400
MAX_DORMANT_ROWS = 150
MAX_CHANGE_ROWS = 40
Progress = Callable[[float, str], None]


def _n(value: int | float, lang: str) -> str:
    return format_number(value, lang)


def _date(value: dt.date, lang: str) -> str:
    return format_date(value, lang)


def summary_rows(data: TiesMonitoring, lang: str) -> list[tuple[str, str]]:
    """(figure, value) rows of the summary table: the numbers of TiesMonitoring.summary()."""
    summary = data.summary()
    by_status = summary["activities_by_status"]
    rows = [(t("report.sum.ties", lang), _n(summary["ties"], lang))]
    rows += [(t(f"report.sum.state.{state}", lang), _n(summary["ties_by_state"][state], lang)) for state in TIE_STATES]
    rows += [(t("report.sum.new_ties", lang), _n(summary["new_ties"], lang)),
             (t("report.sum.held", lang), _n(summary["activities_held"], lang)),
             (t("report.sum.planned", lang), _n(by_status["planned"], lang)),
             (t("report.sum.overdue", lang), _n(summary["coverage"]["overdue_reports"], lang)),
             (t("report.sum.cancelled", lang), _n(by_status["postponed"] + by_status["cancelled"], lang))]
    if summary["plan_items"]:
        rows.append((t("report.sum.plan", lang),
                     f"{_n(summary['plan_items_by_state']['done'], lang)} / {_n(summary['plan_items'], lang)}"))
    return rows


def map_picture(table: pd.DataFrame, lang: str) -> bytes:
    figure = figures.ties_map(table, lang)
    figure["layout"]["legend"].update(font={"size": 16})
    with render_slot():
        return renderer().image(figure, "png", MAP_WIDTH, MAP_HEIGHT, MAP_SCALE)


def build_report(catalog, args: Mapping[str, Any], lang: str = "ru", progress: Progress | None = None,
                 with_map: bool = True) -> tuple[Report, TiesMonitoring]:
    """The report's blocks in `lang` (see the module doc) and the data they show."""
    progress = progress or (lambda fraction, step: None)
    progress(0.05, "data")
    data = monitoring_data(catalog, args)
    space = space_name(data.space, catalog, lang)
    ties = ties_table(data, catalog, lang)
    report = Report(t("report.title", lang, space=space), lang)
    report.add("title", report.title)
    report.add("paragraph", t("report.subtitle", lang, start=_date(data.start, lang), end=_date(data.end, lang)))
    report.add("note", t("report.made", lang, date=_date(dt.date.today(), lang)))
    if data.coverage()["samples"]:
        report.add("note", t("report.sample_note", lang))

    # 1. summary
    report.add("heading", t("report.h.summary", lang))
    report.table([t("report.col.figure", lang), t("report.col.value", lang)], summary_rows(data, lang), (3, 1))
    by_year = data.by_year()
    report.add("subheading", t("monitoring.chart.years", lang))
    report.table([t("report.col.year", lang)] + [t(f"activity.status.{s}", lang) for s in ACTIVITY_STATUSES],
                 [[str(row["year"])] + [_n(int(row[s]), lang) for s in ACTIVITY_STATUSES]
                  for _, row in by_year.iterrows()])
    by_sector = data.by_sector()
    years = [c for c in by_sector.columns if c not in ("sector", "total")]
    report.add("subheading", t("report.h.by_sector", lang))
    report.table([t("report.col.sector", lang)] + [str(y) for y in years] + [t("report.col.total", lang)],
                 [[sector_label(row["sector"] or None, lang)] + [_n(int(row[y]), lang) for y in years]
                  + [_n(int(row["total"]), lang)] for _, row in by_sector.iterrows()],
                 (3,) + (1,) * (len(years) + 1))
    report.add("subheading", t("report.h.by_type", lang))
    report.table([t("report.col.type", lang), t("report.col.count", lang)],
                 [(t(f"activity.type.{code}", lang), _n(count, lang)) for code, count in data.by_type().items()],
                 (3, 1))
    progress(0.2, "map")

    # 2. the map
    report.add("heading", t("report.h.map", lang))
    if with_map:
        report.add("image", image=map_picture(ties, lang))
    report.add("note", t("report.map_caption", lang))
    progress(0.7, "tables")

    # 3. what changed since the previous meeting
    report.add("heading", t("report.h.changes", lang))
    previous = data.previous_meeting
    report.add("paragraph", t("report.previous_meeting", lang, title=previous["title"],
                              date=_date(previous["start_date"].date(), lang)) if previous
               else t("report.no_previous_meeting", lang))
    quiet = ties[ties["state"].eq("quiet")]
    report.add("subheading", t("report.h.gone_quiet", lang))
    _tie_rows(report, quiet, lang, ("tie", "last_activity", "reason"), MAX_CHANGE_ROWS)
    new = ties[ties["new"]]
    report.add("subheading", t("report.h.new_ties", lang))
    _tie_rows(report, new, lang, ("tie", "agreement", "reason"), MAX_CHANGE_ROWS)
    notable = data.notable()
    report.add("subheading", t("report.h.notable", lang))
    acts = activities_table(data, lang).set_index("activity_id")
    if notable.empty:
        report.add("paragraph", t("report.none", lang))
    else:
        chosen = acts.loc[notable["activity_id"]]
        report.table([t("report.col.date", lang), t("report.col.title", lang), t("report.col.type", lang)],
                     chosen[["date", "title", "type"]].itertuples(index=False), (1, 4, 1.4))

    # 4. the action plan
    report.add("heading", t("report.h.plan", lang))
    plan = plan_table(data, lang)
    if plan.empty:
        report.add("paragraph", t("monitoring.plan_none", lang))
    else:
        for _, row in data.plans.iterrows():
            adopted = ", ".join(filter(None, [row["adopted_by"] or "", _date(row["adopted_on"], lang)
                                              if pd.notna(row["adopted_on"]) else ""]))
            report.add("paragraph", row["title"] + (f" ({adopted})" if adopted else ""))
        report.table([t("report.col.item", lang), t("report.col.sector", lang), t("report.col.responsible", lang),
                      t("report.col.due", lang), t("report.col.fact", lang), t("report.col.state", lang)],
                     plan[["item", "sector", "responsible", "due", "fact", "state"]].itertuples(index=False),
                     (4, 1.5, 1.5, 1.3, 1, 1))
        progress_table = data.plan_progress("sector")
        report.table([t("report.col.sector", lang)] + [t(f"plan.state.{s}", lang) for s in
                                                       ("done", "in_progress", "overdue", "not_started")],
                     [[sector_label(row["sector"] or None, lang)] + [_n(int(row[s]), lang) for s in
                                                                     ("done", "in_progress", "overdue", "not_started")]
                      for _, row in progress_table.iterrows()], (3, 1, 1, 1, 1))

    # 5. activities and sources
    report.add("heading", t("report.h.activities", lang))
    listed = acts.reset_index().head(MAX_ACTIVITY_ROWS)
    if listed.empty:
        report.add("paragraph", t("report.none", lang))
    else:
        report.table([t("report.col.date", lang), t("report.col.title", lang), t("report.col.sector", lang),
                      t("report.col.status", lang), t("report.col.source", lang)],
                     listed[["date", "title", "sector", "status", "source"]].itertuples(index=False),
                     (1.1, 3, 1.6, 1, 2.2))
        if len(acts) > MAX_ACTIVITY_ROWS:
            report.add("note", t("report.more_rows", lang, count=_n(len(acts) - MAX_ACTIVITY_ROWS, lang)))

    # 6. dormant ties
    report.add("heading", t("report.h.dormant", lang))
    dormant = ties[ties["state"].eq("dormant")].sort_values(["last_activity", "tie"], ascending=[False, True])
    _tie_rows(report, dormant, lang, ("tie", "agreement", "reason"), MAX_DORMANT_ROWS)

    # 7. coverage
    report.add("heading", t("report.h.coverage", lang))
    coverage = data.coverage()
    report.add("paragraph", t("report.coverage", lang, ties=_n(coverage["ties"], lang),
                              with_activity=_n(coverage["ties_with_activity"], lang),
                              with_date=_n(coverage["ties_with_agreement_date"], lang),
                              activities=_n(coverage["activities"], lang),
                              with_source=_n(coverage["with_source"], lang),
                              unsectored=_n(coverage["unsectored"], lang)))
    progress(0.8, "writing")
    return report, data


def _tie_rows(report: Report, ties: pd.DataFrame, lang: str, columns: tuple[str, ...], limit: int) -> None:
    if ties.empty:
        report.add("paragraph", t("report.none", lang))
        return
    headers = {"tie": "report.col.tie", "last_activity": "report.col.last_activity", "reason": "report.col.reason",
               "agreement": "report.col.agreement"}
    widths = {"tie": 2.2, "last_activity": 1.2, "reason": 3.5, "agreement": 1.2}
    report.table([t(headers[c], lang) for c in columns], ties[list(columns)].head(limit).itertuples(index=False),
                 tuple(widths[c] for c in columns))
    if len(ties) > limit:
        report.add("note", t("report.more_rows", lang, count=_n(len(ties) - limit, lang)))


def file_name(data: TiesMonitoring, fmt: str, lang: str) -> str:
    space = "-".join(data.space.countries or data.space.regions or (str(data.space.place),))
    return f"borderlinks-ties-{space}-{data.start.isoformat()}-{data.end.isoformat()}-{lang}.{fmt}"


def make_report(catalog, args: Mapping[str, Any], fmt: str = "docx", lang: str = "ru",
                progress: Progress | None = None) -> tuple[bytes, str]:
    """(the file's bytes, its name) of the report in `fmt` (docx or pdf) and `lang` (ru or en)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    if lang not in REPORT_LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(REPORT_LANGUAGES)}")
    progress = progress or (lambda fraction, step: None)
    report, data = build_report(catalog, args, lang, progress)
    body = docx_bytes(report) if fmt == "docx" else pdf_bytes(report)
    progress(0.99, "done")
    return body, file_name(data, fmt, lang)

