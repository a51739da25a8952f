"""Speed of re-scoring the corridor proposals on the full store, as JSON lines (nothing is asserted).

Measures, for several parameter sets:
- `propose` (filter, mutual best partners, chaining, ranking) on every candidate pair: median and p95;
- the whole server side of a parameter change on the page: the view (proposal + the shown corridors'
  details), the ranked table and the figure patch, serialised to JSON: median and p95;
- a naive baseline in the same run (dashboard.store.corridor_scoring.naive_propose: Python loops over
  the candidates, dicts, a Python union-find), median of a few runs, and the speed-up.
Also the one-off costs: loading the tables, preparing the candidates, sorting each place's partners.
Goal (issue 5): a parameter change re-scores in <= 300 ms server time on the full store.

Usage: .venv/bin/python benchmarks/corridors.py [--repeat 15] [--naive-repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dash._utils import to_json  # noqa: E402

from dashboard import settings  # noqa: E402
from dashboard.figures import corridors as corridor_figures  # noqa: E402
from dashboard.state import ViewState  # noqa: E402
from dashboard.store import corridor_views  # noqa: E402
from dashboard.store.catalog import load_catalog  # noqa: E402
from dashboard.store.corridor_scoring import CorridorParams, naive_propose, propose  # noqa: E402
from dashboard.store.corridors import load_corridor_store  # noqa: E402
from dashboard.store.layers import load_map_layers  # noqa: E402

#: parameter sets as the page's URL query strings
PARAMETERS = [
    "",
    "ckm=50",
    "ckm=200",
    "cpop=100000",
    "cpop=20000&ckm=100",
    "cties=0",
    "cties=200&ctop=500",
    "countries=RUS",
    "blocs=EAEU&ckm=200&cpop=50000",
    "lang=ru&countries=CHN,RUS&ckm=120",
]


def emit(**record) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def timed(function, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        out.append(time.perf_counter() - started)
    return out


def page_update(catalog, store, layers, state: ViewState, drawn: ViewState) -> int:
    """What the page's update_page does for a parameter change, without Dash (uncached proposal)."""
    corridor_views._proposals.clear()
    view = corridor_views.corridor_view(catalog, store, state)
    inputs = corridor_figures.CorridorMapInputs(view, catalog, layers, "/api/v1/layers/countries.geojson")
    updates = corridor_figures.corridor_updates(inputs, corridor_figures.viewport_revision(drawn, inputs.window),
                                                ())
    table = corridor_views.corridor_table(view, catalog, state.lang)
    payload = to_json({"updates": {"/".join(map(str, k)): v for k, v in updates.items()},
                       "table": table.to_dict("records")})
    return len(payload)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--naive-repeat", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    catalog = load_catalog()
    store = load_corridor_store()
    layers = load_map_layers(settings.database_url(), "default")
    emit(step="load", seconds=round(time.perf_counter() - started, 3), candidates=len(store.candidates),
         places=len(catalog.places))
    started = time.perf_counter()
    prepared = corridor_views.prepared(catalog, store)
    cands = prepared.candidates
    emit(step="prepare_candidates", seconds=round(time.perf_counter() - started, 3))
    for weight in (0, 50, 100, 200):
        started = time.perf_counter()
        cands.end_order(weight)
        emit(step="sort_partners", ties_weight_pct=weight, seconds=round(time.perf_counter() - started, 3))

    drawn = ViewState()
    for query in PARAMETERS:
        state = ViewState.from_query(query)
        params = CorridorParams.of(state)
        countries = tuple(sorted(set(state.countries)))
        if state.blocs:
            from dashboard.store.queries import selected_countries
            countries = selected_countries(catalog.memberships, state)
        proposal = propose(cands, params, countries, state.regions)
        fast = timed(lambda params=params, countries=countries, regions=state.regions:
                     propose(cands, params, countries, regions), args.repeat)
        update = timed(lambda state=state: page_update(catalog, store, layers, state, drawn), max(3, args.repeat // 3))
        size = page_update(catalog, store, layers, state, drawn)
        record = {
            "parameters": query or "(default)", "matching_pairs": proposal.matching,
            "corridors": len(proposal.corridors), "kept_pairs": len(proposal.pairs),
            "propose_median_ms": round(1000 * statistics.median(fast), 1),
            "propose_p95_ms": round(1000 * percentile(fast, 0.95), 1),
            "page_update_median_ms": round(1000 * statistics.median(update), 1),
            "page_update_p95_ms": round(1000 * percentile(update, 0.95), 1),
            "page_update_json_kb": round(size / 1024, 1),
        }
        if not countries and not state.regions:  # the baseline knows no country filter
            naive = timed(lambda params=params: naive_propose(cands, params), args.naive_repeat)
            same = [(round(s, 6), m) for s, m in naive_propose(cands, params)] == [
                (round(float(r.score), 6), frozenset(_members(cands, proposal, r.corridor)))
                for r in proposal.corridors.itertuples()]
            record.update({"naive_median_ms": round(1000 * statistics.median(naive), 1),
                           "speedup": round(statistics.median(naive) / statistics.median(fast), 1),
                           "same_result_as_naive": same})
        emit(**record)
    return 0


def _members(cands, proposal, corridor) -> set[int]:
    pairs = proposal.pairs[proposal.pairs["corridor"] == corridor]["pair"].to_numpy()
    return set(cands.pos_a[pairs].tolist()) | set(cands.pos_b[pairs].tolist())


if __name__ == "__main__":
    sys.exit(main())
