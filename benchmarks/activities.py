"""Speed of the activities registry on the full store, as JSON lines (a benchmark: nothing is asserted).

Measures, on a temporary registry (never data/registry.sqlite):
- generating and writing N sample activities (one transaction);
- importing a CSV of R rows: preview, commit, and re-import of the same file (all unchanged);
- loading the registry into frames;
- the Activities page's server work per filter (select + counts + monitoring + figures + grids), uncached,
  median and p95, and the JSON size of what it sends;
- monitoring of every twinning alone.

Usage: .venv/bin/python benchmarks/activities.py [--samples 2000 20000] [--rows 5000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FILTERS = ["", "sample=1", "sample=1&countries=BLR", "sample=1&countries=RUS&from=2023&to=2025",
           "sample=1&blocs=EAEU&border=1", "sample=1&scope=between&pair=BLR,RUS", "sample=1&minpop=500000",
           "sample=1&lang=ru&blocs=SCO"]


def emit(**record) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def import_file(samples, rows: int) -> bytes:
    """A CSV of `rows` activities like a secretariat's file (place ids, ';' lists), not marked as sample."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Title", "Type", "Start date", "End date", "Places", "Regions", "Countries", "Organiser",
                     "Source"])
    for values in samples[:rows]:
        writer.writerow([values.title.replace(" (sample)", " (bench)"), values.activity_type,
                         values.start_date.strftime("%d.%m.%Y"), values.end_date.isoformat(),
                         "; ".join(map(str, values.places)), "; ".join(values.regions), "; ".join(values.countries),
                         values.organiser or "", "https://example.org/bench"])
    return buffer.getvalue().encode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from dash._utils import to_json

    from dashboard.registry import frames as frames_module
    from dashboard.registry import monitoring, views
    from dashboard.registry.database import registry_engine, set_meta_value
    from dashboard.registry.gazetteer import gazetteer_for
    from dashboard.registry.importing import commit_import, preview_import
    from dashboard.registry.samples import replace_samples, sample_activities
    from dashboard.registry.tables import monitoring_of
    from dashboard.state import ViewState
    from dashboard.store import queries
    from dashboard.store.catalog import StoreMissing, load_catalog

    try:
        catalog = load_catalog()
    except StoreMissing as missing:
        print(f"{missing}", file=sys.stderr)
        return 2
    gazetteer, seconds = timed(gazetteer_for, catalog)
    emit(step="gazetteer", seconds=round(seconds, 3), places=len(catalog.places))

    for count in args.samples:
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{Path(folder) / 'registry.sqlite'}"
            engine = registry_engine(url)
            with engine.begin() as connection:
                set_meta_value(connection, "events_seeded", "bench")
            samples, generate = timed(sample_activities, catalog, 1, count)
            _, write = timed(replace_samples, engine, samples, seed=1)
            emit(step="samples", activities=len(samples), generate_s=round(generate, 3), write_s=round(write, 3))

            data = import_file(sample_activities(catalog, 2, args.rows), args.rows)
            preview, preview_s = timed(preview_import, engine, data, "bench.csv", gazetteer)
            result, commit_s = timed(commit_import, engine, data, "bench.csv", gazetteer, user="bench",
                                     skip_rejected=True)
            again, again_s = timed(commit_import, engine, data, "bench.csv", gazetteer, user="bench",
                                   skip_rejected=True)
            emit(step="import", rows=preview.rows_total, mb=round(len(data) / 2**20, 2),
                 preview_s=round(preview_s, 3), commit_s=round(commit_s, 3), reimport_s=round(again_s, 3),
                 added=result.counts["add"], rejected=result.counts["rejected"],
                 reimport_unchanged=again.counts["unchanged"], reimport_added=again.counts["add"])

            frames, load_s = timed(frames_module.read_frames, engine)
            emit(step="load_frames", activities=len(frames.activities), seconds=round(load_s, 3))

            table, monitoring_s = timed(monitoring_of, frames, catalog, ViewState(sample=True))
            emit(step="monitoring_all_twinnings", twinnings=len(table), seconds=round(monitoring_s, 3),
                 statuses=monitoring.status_counts(table))

            # the page's server work, uncached, as the callback does it
            frames_module._cache.clear()
            frames_module._cache[str(engine.url)] = frames
            import dashboard.registry.service as service
            service_live = service.live_frames
            service.live_frames = lambda catalog=None, url=None, *, frames=frames: frames
            from dashboard.app import create_app
            app = create_app()
            from dashboard.pages import activities as page
            page.live_frames = service.live_frames
            with app.server.test_request_context("/activities"):
                for query in FILTERS:
                    state = ViewState.from_query(query)
                    times, size = [], 0
                    for _ in range(args.repeat):
                        views._views.clear()
                        views._locations.clear()
                        queries._views.clear()
                        started = time.perf_counter()
                        size = len(to_json(page.page(state)))
                        times.append(time.perf_counter() - started)
                    emit(step="page", registry=len(frames.activities), filter=query or "(default)",
                         median_s=round(statistics.median(times), 3), p95_s=round(percentile(times, 0.95), 3),
                         json_kb=round(size / 1024, 1),
                         activities=len(views.activities_in_view(frames, catalog, state).activities))
            service.live_frames = service_live
            engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
