"""A long fuzzing run of the importers (the tests run a short one), as JSON lines.

Feeds hypothesis-generated files (CSV in several encodings and separators, XLSX, damaged copies, noise)
to `commit_import`, and form cells to `save_activity`, on a temporary registry file, and checks after
each that the file was committed whole or refused with a reason and nothing written (see
tests/import_fuzzing.py). Prints the outcomes, the failures (none expected) and the time taken.

Usage: .venv/bin/python benchmarks/fuzz_importers.py [--examples 5000] [--seed 1]
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def emit(**record) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def fuzz(name: str, strategy, check, examples: int, seed: int) -> None:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed

    outcomes: collections.Counter = collections.Counter()
    failures: list[str] = []

    @hypothesis_seed(seed)
    @settings(max_examples=examples, deadline=None, phases=[Phase.generate], database=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(value):
        try:
            outcomes[check(value)] += 1
        except Exception:  # a crash or a partial write: keep going, report them all
            outcomes["FAILED"] += 1
            failures.append(f"{value!r:.300} -> {traceback.format_exc(limit=3)[-600:]}")

    started = time.perf_counter()
    run()
    seconds = time.perf_counter() - started
    emit(target=name, examples=sum(outcomes.values()), outcomes=dict(outcomes), seconds=round(seconds, 1),
         per_example_ms=round(1000 * seconds / max(1, sum(outcomes.values())), 1), failures=failures[:10])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")

    from import_fuzzing import (
        check_entry_saves_or_is_rejected,
        check_import_is_all_or_nothing,
        form_cells,
        import_files,
    )
    from registry_world import gazetteer

    from dashboard.registry.database import registry_engine

    with tempfile.TemporaryDirectory() as folder:
        engine = registry_engine(f"sqlite:///{Path(folder) / 'registry.sqlite'}")
        places = gazetteer()
        fuzz("import files", import_files(), lambda upload: check_import_is_all_or_nothing(engine, places, *upload),
             args.examples, args.seed)
        fuzz("entry form", form_cells(), lambda cells: check_entry_saves_or_is_rejected(engine, places, cells),
             args.examples, args.seed)
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
