"""Speed of the state-of-ties report of the full Russia–Belarus data, as JSON lines (nothing is asserted).

Measures, on the built store and a throwaway registry holding the project's cited events: the cold first
report (registry read, store digest, the export Chromium's start included), then the median and worst of N
warm runs of the whole report — DOCX and PDF, Russian and English — with the data step (the ties' states and
counts, cached between runs of the same arguments, so measured once cold and then with the cache cleared).
The issue asks for under 10 s.

Usage: .venv/bin/python benchmarks/report_ties.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARGS = {"countries": "RUS,BLR", "from": "2023-01-01", "to": "2025-12-31"}


def emit(**record) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-report-") as folder:
        os.environ["BORDERLINKS_REGISTRY_URL"] = f"sqlite:///{Path(folder) / 'registry.sqlite'}"
        from dashboard.charts import monitoring as charts_monitoring
        from dashboard.exports.report_ties import make_report
        from dashboard.registry.service import live_frames
        from dashboard.store.catalog import load_catalog

        started = time.perf_counter()
        catalog = load_catalog()
        live_frames(catalog)
        emit(step="store and registry loaded (events imported)", seconds=round(time.perf_counter() - started, 2))

        started = time.perf_counter()
        body, _ = make_report(catalog, ARGS, "pdf", "ru")
        emit(step="first report, cold (pdf, ru)", seconds=round(time.perf_counter() - started, 2), bytes=len(body))

        data_times = []
        for _ in range(options.repeat):
            charts_monitoring._cache.clear()
            started = time.perf_counter()
            charts_monitoring.monitoring_data(catalog, ARGS)
            data_times.append(time.perf_counter() - started)
        emit(step="data: ties' states and counts, uncached", runs=options.repeat,
             median_s=round(statistics.median(data_times), 3), max_s=round(max(data_times), 3))

        for fmt in ("docx", "pdf"):
            for lang in ("ru", "en"):
                times, size = [], 0
                for _ in range(options.repeat):
                    charts_monitoring._cache.clear()  # the whole report, data included
                    started = time.perf_counter()
                    body, _ = make_report(catalog, ARGS, fmt, lang)
                    times.append(time.perf_counter() - started)
                    size = len(body)
                emit(step="full Russia–Belarus report", format=fmt, lang=lang, runs=options.repeat,
                     median_s=round(statistics.median(times), 2), max_s=round(max(times), 2), bytes=size,
                     under_10_s=max(times) < 10)


if __name__ == "__main__":
    main()
