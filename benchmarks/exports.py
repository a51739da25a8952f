"""Speed of the exports on the full store, as JSON lines (a benchmark: nothing is asserted).

Measures, with the real renderer (Debian's Chromium through kaleido, one per process, started once):
- the renderer's start (first image);
- PNG and SVG of each figure family through the HTTP endpoint (/export/<figure>.<fmt>), warm: median, p95, size;
- a PDF brief of a country profile and of a saved view (cover, figure, tables, sources), end to end.
The baseline of each line is the figure's build alone (same figure, no rendering), in the same run.

Usage: .venv/bin/python benchmarks/exports.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CASES = [("network-cities-twinnings", "countries=BLR"), ("network-matrix", "blocs=SCO"),
         ("network-shares", "top=25"), ("activities-year-type", ""), ("country-map", "iso3=BLR"),
         ("city-map", "id=625144"), ("network-communities", "countries=BLR"), ("map", "countries=BLR,RUS"),
         ("corridors-map", "")]


def emit(**record) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    import os
    os.environ.setdefault("BORDERLINKS_EXPORT_DIR", tempfile.mkdtemp(prefix="borderlinks-bench-exports-"))
    from dashboard.app import create_app
    from dashboard.exports import brief, figure_export
    from dashboard.state import ViewState
    from dashboard.store.catalog import load_catalog

    app = create_app()
    client = app.server.test_client()
    catalog = load_catalog()
    started = time.perf_counter()
    client.get("/export/activities-year-type.png")
    emit(name="renderer_start_and_first_png", seconds=round(time.perf_counter() - started, 3))
    for figure, query in CASES:
        with app.server.test_request_context("/"):
            state = ViewState.from_query(query)
            args = {k: v for k, v in (p.split("=") for p in query.split("&") if p) if k in ("iso3", "id", "top")}
            figure_export.export_figure(figure, catalog, state, args)  # warm the figure's caches
            builds = []
            for _ in range(options.repeat):
                t0 = time.perf_counter()
                figure_export.export_figure(figure, catalog, state, args)
                builds.append(time.perf_counter() - t0)
        for fmt in ("png", "svg"):
            client.get(f"/export/{figure}.{fmt}?{query}")  # warm
            times, size = [], 0
            for _ in range(options.repeat):
                t0 = time.perf_counter()
                response = client.get(f"/export/{figure}.{fmt}?{query}")
                times.append(time.perf_counter() - t0)
                size = len(response.data)
                assert response.status_code == 200, (figure, fmt, response.status_code)
            emit(name=f"export_{fmt}", figure=figure, query=query, median_s=round(statistics.median(times), 3),
                 p95_s=round(percentile(times, 0.95), 3), bytes=size,
                 baseline_build_median_s=round(statistics.median(builds), 3),
                 ratio_to_build=round(statistics.median(times) / max(statistics.median(builds), 1e-6), 1))
    with app.server.test_request_context("/"):
        for label, make in (("country_BLR_ru", lambda: brief.country_brief(catalog, "BLR", ViewState(lang="ru"))),
                            ("view_map_BLR_RUS", lambda: brief.view_brief(catalog, "/", "countries=BLR,RUS",
                                                                          title="Belarus and Russia"))):
            t0 = time.perf_counter()
            body, _ = make()
            emit(name="pdf_brief", brief=label, seconds=round(time.perf_counter() - t0, 3), bytes=len(body))


if __name__ == "__main__":
    main()
