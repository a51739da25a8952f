"""Borderlinks at 10x its data: a synthetic store and registry, and what the server's work costs there
(JSON lines; a benchmark, nothing asserted).

The synthetic data is made from the real store, never shown by the app, and marked as synthetic: its
build info says `synthetic: true` and the factor, every copied place has origin "synthetic" and a name
ending in "(synthetic k)", and its activities are sample activities. At factor F:
- places x F: copy k of each real place, its position moved by up to ~10 km, ids 2e9 + k*1e7 + row;
- twinnings x F: copy k joins copy k of both ends (same distance and border flags);
- place names (the search index) x F;
- activities: `--activities` sample activities per 1x (default 100,000, so 1M at 10x) in a registry file.

Measured in a fresh process per factor, against the same 1x baseline in the same run:
- store write (the build's last stage: every table through dashboard/store/writer.py into a new SQLite file)
  and catalogue load;
- the map's filter -> figure callback (benchmarks/map.py's `callback_seconds`), uncached: median and p95;
- the network page's callbacks (benchmarks/map.py's `network_measures`), cold: median and p95;
- the activities page's view per filter (registry frames + views), uncached: median and p95;
- the activities page's callback (its whole body) per filter, uncached: median and p95;
- memory of the worker process: RSS once loaded and the peak.
Goal (issue 8): 10x the data within 3x the time.

Usage: .venv/bin/python benchmarks/scale.py [--factors 1 10] [--activities 100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

ID_BASE, ID_STRIDE = 2_000_000_000, 10_000_000
ACTIVITY_FILTERS = ["sample=1", "sample=1&countries=BLR", "sample=1&countries=RUS&from=2023&to=2025",
                    "sample=1&blocs=EAEU&border=1", "sample=1&scope=between&pair=BLR,RUS"]


def emit(**record) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def memory_mb() -> dict[str, float]:
    status = Path("/proc/self/status").read_text().splitlines()
    fields = {line.split(":")[0]: line.split()[1] for line in status if line.startswith(("VmRSS", "VmHWM"))}
    return {"rss_mb": round(int(fields["VmRSS"]) / 1024), "peak_rss_mb": round(int(fields["VmHWM"]) / 1024)}


# ---- making the synthetic data ------------------------------------------------------------------------------

def real_tables(url: str) -> tuple[dict, dict]:
    """Every table of the store as frames (geometries as shapely), and the build summary."""
    import pandas as pd
    import shapely
    from sqlalchemy import create_engine

    from dashboard.store.catalog import read_build_info
    from dashboard.store.schema import build_info, metadata

    engine = create_engine(url)
    tables = {}
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            if table is build_info:
                continue
            frame = pd.read_sql_table(table.name, connection)
            if "geometry" in frame:
                frame["geometry"] = shapely.from_wkb(frame["geometry"].to_numpy())
            tables[table.name] = frame
    engine.dispose()
    return tables, read_build_info(url) or {}


def synthetic_tables(tables: dict, summary: dict, factor: int, seed: int = 1) -> tuple[dict, dict]:
    """`tables` with places, twinnings and place names multiplied by `factor` (see the module docstring)."""
    import numpy as np
    import pandas as pd

    if factor == 1:
        return tables, summary
    rng = np.random.default_rng(seed)
    places, twinnings, names = tables["places"], tables["twinnings"], tables["place_names"]
    row_of = pd.Series(np.arange(len(places)), index=places["place_id"].to_numpy())
    new_places, new_twinnings, new_names = [places], [twinnings], [names]
    next_twinning = int(twinnings["twinning_id"].max()) + 1
    for copy in range(1, factor):
        def new_id(ids, offset=ID_BASE + copy * ID_STRIDE):
            return offset + row_of.reindex(ids).to_numpy()
        copied = places.copy()
        copied["place_id"] = new_id(places["place_id"])
        copied["lat"] = (copied["lat"] + rng.uniform(-0.09, 0.09, len(copied))).clip(-89.9, 89.9)
        copied["lon"] = copied["lon"] + rng.uniform(-0.09, 0.09, len(copied))
        for column in ("name_en", "name_ru"):
            copied[column] = copied[column].astype(object).where(copied[column].isna(),
                                                                 copied[column].astype(str) + f" (synthetic {copy})")
        copied["origin"] = "synthetic"
        copied["wikidata"] = None
        new_places.append(copied)
        twins = twinnings.copy()
        twins["place_a"], twins["place_b"] = new_id(twinnings["place_a"]), new_id(twinnings["place_b"])
        twins["twinning_id"] = np.arange(next_twinning, next_twinning + len(twins))
        next_twinning += len(twins)
        new_twinnings.append(twins)
        keys = names.copy()
        keys["place_id"] = new_id(names["place_id"])
        new_names.append(keys)
    out = dict(tables)
    out["places"] = pd.concat(new_places, ignore_index=True)
    out["twinnings"] = pd.concat(new_twinnings, ignore_index=True)
    out["place_names"] = pd.concat(new_names, ignore_index=True)
    info = {**summary, "synthetic": True, "synthetic_factor": factor,
            "synthetic_note": "generated by benchmarks/scale.py from the real store; not real data"}
    counts = dict(info.get("counts") or {})
    counts.update(places=len(out["places"]), twinnings=len(out["twinnings"]))
    info["counts"] = counts
    return out, info


def write_store(path: Path, tables: dict, summary: dict) -> float:
    from dashboard.store.writer import write_sqlite

    started = time.perf_counter()
    write_sqlite(path, tables, summary)
    return time.perf_counter() - started


def write_registry(path: Path, store_url: str, count: int, seed: int = 1) -> dict:
    """A registry file holding `count` sample activities over the store's twinnings and border regions."""
    from dashboard.registry.database import registry_engine, set_meta_value
    from dashboard.registry.samples import replace_samples, sample_activities
    from dashboard.store.catalog import load_catalog

    catalog = load_catalog(store_url)
    engine = registry_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        set_meta_value(connection, "events_seeded", "synthetic")  # the real events are not part of this
    started = time.perf_counter()
    samples = sample_activities(catalog, seed=seed, count=count)
    generated = time.perf_counter() - started
    replace_samples(engine, samples, seed=seed)
    engine.dispose()
    return {"activities": len(samples), "generate_s": round(generated, 1),
            "write_s": round(time.perf_counter() - started - generated, 1)}


# ---- measuring one factor (in its own process) --------------------------------------------------------------

def measure(store: Path, registry: Path, factor: int, repeat: int, activities_only: bool = False) -> None:
    os.environ["BORDERLINKS_DATABASE_URL"] = f"sqlite:///{store}"
    os.environ["BORDERLINKS_REGISTRY_URL"] = f"sqlite:///{registry}"
    from map import FILTERS, callback_seconds, network_measures, podolsk_id  # benchmarks/map.py

    from dashboard.state import ViewState
    from dashboard.store.catalog import load_catalog

    started = time.perf_counter()
    catalog = load_catalog()
    load_s = time.perf_counter() - started
    assert catalog.info.get("synthetic") is (True if factor > 1 else None) or factor == 1
    emit(factor=factor, measure="catalog_load", seconds=round(load_s, 2), places=len(catalog.places),
         twinnings=len(catalog.twinnings), **memory_mb())

    times = []
    podolsk = podolsk_id(catalog)
    filters = [] if activities_only else FILTERS
    drawn = ViewState()
    for query in filters:
        state = ViewState.from_query(query.format(podolsk=podolsk))
        for _ in range(repeat):
            seconds, _size = callback_seconds(catalog, state, drawn, "r")
            times.append(seconds)
    if not activities_only:
        emit(factor=factor, measure="map_callback", calls=len(times), median_ms=round(1000 * statistics.median(times)),
             p95_ms=round(1000 * percentile(times, 0.95)), **memory_mb())
        network_measures(1)  # prints its own lines (network_callback ..., network_callbacks_all)

    from dashboard.registry import views as activity_views
    from dashboard.registry.service import live_frames
    from dashboard.store import queries

    started = time.perf_counter()
    frames = live_frames(catalog)
    frames_s = time.perf_counter() - started
    started = time.perf_counter()
    activity_views.locations(frames, catalog)  # the server builds it at start (dashboard/warmup.py)
    locations_s = time.perf_counter() - started
    times = []
    for query in ACTIVITY_FILTERS:
        state = ViewState.from_query(query)
        for _ in range(repeat):
            activity_views._views.clear()  # uncached: the filter's first visit
            queries._views.clear()
            started = time.perf_counter()
            view = activity_views.activities_in_view(frames, catalog, state)
            activity_views.key_figures(view)
            activity_views.counts_by_year_type(view)
            activity_views.counts_by_month(view)
            activity_views.counts_by_country(view, catalog.countries)
            times.append(time.perf_counter() - started)
    emit(factor=factor, measure="activities_view", activities=len(frames.activities), frames_load_s=round(frames_s, 1),
         locations_s=round(locations_s, 1),
         calls=len(times), median_ms=round(1000 * statistics.median(times)),
         p95_ms=round(1000 * percentile(times, 0.95)), **memory_mb())
    activities_page(factor, repeat)


def activities_page(factor: int, repeat: int) -> None:
    """The Activities page's callback (its whole body: key figures, monitoring, charts, lists) per filter, uncached."""
    import importlib

    from dashboard.app import create_app
    from dashboard.charts import monitoring as monitoring_charts
    from dashboard.registry import tables
    from dashboard.registry import views as activity_views
    from dashboard.state import ViewState
    from dashboard.store import queries

    app = create_app()
    page = importlib.import_module("dashboard.pages.activities")  # a page module registers itself: after the app
    times = []
    for query in ACTIVITY_FILTERS:
        state = ViewState.from_query(query)
        for _ in range(repeat):
            for memo in (activity_views._views, queries._views, tables._monitoring, monitoring_charts._cache):
                memo.clear()
            started = time.perf_counter()
            with app.server.test_request_context("/activities"):
                page.body(state)
            times.append(time.perf_counter() - started)
    emit(factor=factor, measure="activities_page", calls=len(times), median_ms=round(1000 * statistics.median(times)),
         p95_ms=round(1000 * percentile(times, 0.95)), **memory_mb())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--activities", type=int, default=100_000, help="sample activities per 1x")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the synthetic files in this folder")
    parser.add_argument("--activities-only", action="store_true",
                        help="measure the activities page only (with --measure): skip the map and network")
    parser.add_argument("--measure", nargs=3, metavar=("STORE", "REGISTRY", "FACTOR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(Path(args.measure[0]), Path(args.measure[1]), int(args.measure[2]), args.repeat, args.activities_only)
        return 0

    from dashboard import settings

    folder = args.keep or Path(tempfile.mkdtemp(prefix="borderlinks-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    tables, summary = real_tables(settings.database_url())
    for factor in args.factors:
        store, registry = folder / f"synthetic-{factor}x.sqlite", folder / f"synthetic-{factor}x-registry.sqlite"
        made, info = synthetic_tables(tables, summary, factor)
        seconds = write_store(store, made, info)
        emit(factor=factor, measure="store_write", seconds=round(seconds, 1), places=len(made["places"]),
             twinnings=len(made["twinnings"]), place_names=len(made["place_names"]),
             store_mb=round(store.stat().st_size / 2**20))
        registry.unlink(missing_ok=True)
        emit(factor=factor, measure="registry_write", **write_registry(registry, f"sqlite:///{store}",
                                                                         args.activities * factor))
        subprocess.run([sys.executable, __file__, "--repeat", str(args.repeat), "--measure", str(store),
                        str(registry), str(factor)], check=True)
    if not args.keep:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
