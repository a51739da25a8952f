"""Speed of the practice library and the partner search, as JSON lines (a benchmark: nothing is asserted).

On a temporary registry (never data/registry.sqlite) on SQLite, and on PostgreSQL when a URL is given
(--postgres URL, else BORDERLINKS_TEST_POSTGRES_URL, as scripts/with-postgres sets it):
- writing N SYNTHETIC practices (marked is_sample, titles prefixed "SYNTHETIC", benchmark only: their words
  are drawn from the real practices' texts in Russian, English and Chinese, so terms are spread as in life),
  with sectors and 1-3 places each;
- search: the end-to-end search the page and the API run (full text + filters + ranking + snippets), per
  query, median and p95 over --repeat runs, and the number found;
- suggestions: suggested partners of M places of the space (all reasons), median and p95.

Usage: .venv/bin/python benchmarks/practices.py [--practices 10000] [--repeat 20] [--places 40]
       scripts/with-postgres .venv/bin/python benchmarks/practices.py
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, insert, text  # noqa: E402

from dashboard.charts import practices as library  # noqa: E402
from dashboard.registry.database import bump_version, registry_engine  # noqa: E402
from dashboard.registry.practice_search import PracticeFilters, search_practices  # noqa: E402
from dashboard.registry.practice_tables import practice_places, practice_sectors, practices  # noqa: E402
from dashboard.registry.practices import PRACTICES_CSV  # noqa: E402
from dashboard.registry.records import now  # noqa: E402
from dashboard.registry.search_terms import terms_of  # noqa: E402
from dashboard.registry.sectors import SECTORS  # noqa: E402
from dashboard.store.catalog import load_catalog  # noqa: E402

QUERIES = [("туризм", {}), ("туристический маршрут", {}), ("мост через Амур", {}), ("bridge", {}),
           ("agritourism", {}), ("旅游", {}), ("фестиваль культуры", {"sectors": ("culture",)}),
           ("youth exchange", {"countries": ("RUS", "BLR")}), ("border trade", {"max_border_km": 50.0}),
           ("", {"sectors": ("tourism",), "population_class": "small"})]


def emit(**record) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def vocabulary() -> dict[str, list[str]]:
    rows = list(csv.DictReader(PRACTICES_CSV.open(encoding="utf-8")))
    words = {"en": [], "ru": [], "zh": []}
    for row in rows:
        for lang, columns in (("en", ("title_en", "summary_en", "problem", "actions", "results")),
                              ("ru", ("title_ru", "summary_ru")), ("zh", ("title_zh",))):
            for column in columns:
                words[lang] += re.findall(r"\w+", row.get(column) or "")
    return words


def write_synthetic(engine, catalog, count: int, seed: int = 1) -> float:
    """N synthetic published practices in one transaction; returns the seconds it took."""
    rng = random.Random(seed)
    words = vocabulary()
    facts = library.place_facts(catalog)
    space = library.space_countries(catalog, "default")
    pool = facts[facts["iso3"].isin(space) & (facts["population"].fillna(0) >= 10_000)]["place_id"].tolist()
    started = time.perf_counter()
    rows, sectors, places = [], [], []
    for i in range(1, count + 1):
        title_en = "SYNTHETIC " + " ".join(rng.choices(words["en"], k=6))
        title_ru = "СИНТЕТИКА " + " ".join(rng.choices(words["ru"], k=6))
        summary_en = " ".join(rng.choices(words["en"], k=30))
        summary_ru = " ".join(rng.choices(words["ru"], k=30))
        title_zh = "".join(rng.choices(words["zh"], k=2)) if rng.random() < 0.3 else None
        rows.append({"practice_id": 100_000 + i, "slug": f"synthetic-{i}", "title_en": title_en, "title_ru": title_ru,
                     "title_zh": title_zh, "summary_en": summary_en, "summary_ru": summary_ru,
                     "original_language": "en", "period_start": rng.randint(1995, 2025), "period_end": None,
                     "sources": "https://example.org/synthetic", "status": "published", "is_reference": False,
                     "is_sample": True, "content_hash": "synthetic",
                     "search_terms": terms_of(title_en, title_ru, title_zh, summary_en, summary_ru),
                     "created_at": now(), "created_by": "benchmark"})
        sectors += [{"practice_id": 100_000 + i, "sector": s} for s in rng.sample(SECTORS, rng.randint(1, 3))]
        places += [{"practice_id": 100_000 + i, "place_id": p} for p in rng.sample(pool, rng.randint(1, 3))]
    with engine.begin() as connection:
        connection.execute(insert(practices), rows)
        connection.execute(insert(practice_sectors), sectors)
        connection.execute(insert(practice_places), places)
        if connection.dialect.name == "postgresql":
            connection.execute(text("UPDATE practices SET search_vector = "
                                    "array_to_tsvector(string_to_array(search_terms, ' ')) WHERE is_sample"))
            connection.execute(text("ANALYZE practices"))
        bump_version(connection)
    return time.perf_counter() - started


def run(backend: str, url: str, catalog, args) -> None:
    engine = registry_engine(url)
    library.library(catalog, url)  # the reference practices, as the app seeds them
    emit(backend=backend, metric="write_synthetic_practices", practices=args.practices,
         seconds=round(write_synthetic(engine, catalog, args.practices), 2))
    facts = library.place_facts(catalog)
    started = time.perf_counter()
    search_practices(engine, "туризм", place_facts=facts)  # first use: loads the library (and SQLite's FTS index)
    emit(backend=backend, metric="load_library_and_index_seconds", value=round(time.perf_counter() - started, 2))
    all_times, all_cpu = [], []
    for query, filters in QUERIES:
        times, cpu, found = [], [], 0
        for _ in range(args.repeat):
            started, cpu_started = time.perf_counter(), time.process_time()
            found = len(search_practices(engine, query, PracticeFilters(**filters), facts, lang="ru"))
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
        all_times += times
        all_cpu += cpu
        emit(backend=backend, metric="search_ms", query=query, filters=filters, found=found,
             median=round(1000 * statistics.median(times), 1), p95=round(1000 * percentile(times, 0.95), 1),
             cpu_p95=round(1000 * percentile(cpu, 0.95), 1))
    # wall-clock time, and this process's CPU time (which a machine busy with other work inflates less;
    # PostgreSQL's own work is in its server process, not counted there)
    emit(backend=backend, metric="search_ms_all_queries", median=round(1000 * statistics.median(all_times), 1),
         p95=round(1000 * percentile(all_times, 0.95), 1), cpu_median=round(1000 * statistics.median(all_cpu), 1),
         cpu_p95=round(1000 * percentile(all_cpu, 0.95), 1), runs=len(all_times), load_average=os.getloadavg()[0])
    space = library.space_countries(catalog, "default")
    candidates = facts[facts["iso3"].isin(space) & (facts["population"].fillna(0) >= 20_000)]["place_id"].tolist()
    chosen = random.Random(2).sample(candidates, min(args.places, len(candidates)))
    library.suggestions(catalog, chosen[0], "en", url=url)  # warm: the requests and the frames once
    times, cpu = [], []
    for place_id in chosen:
        started, cpu_started = time.perf_counter(), time.process_time()
        library.suggestions(catalog, place_id, "en", url=url)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    emit(backend=backend, metric="suggestions_ms", places=len(chosen), median=round(1000 * statistics.median(times), 1),
         p95=round(1000 * percentile(times, 0.95), 1), cpu_p95=round(1000 * percentile(cpu, 0.95), 1),
         load_average=os.getloadavg()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--places", type=int, default=40)
    parser.add_argument("--postgres", default=os.environ.get("BORDERLINKS_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    catalog = load_catalog()
    with tempfile.TemporaryDirectory(prefix="bench-practices-") as folder:
        run("sqlite", f"sqlite:///{Path(folder) / 'registry.sqlite'}", catalog, args)
    if args.postgres:
        schema = "bench_practices"
        base = create_engine(args.postgres)
        with base.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        base.dispose()
        separator = "&" if "?" in args.postgres else "?"
        run("postgresql", f"{args.postgres}{separator}options=-csearch_path%3D{schema}", catalog, args)
    else:
        emit(backend="postgresql", metric="skipped", reason="no --postgres URL nor BORDERLINKS_TEST_POSTGRES_URL")


if __name__ == "__main__":
    main()
