"""Build time and peak memory of `python -m dashboard build`, as JSON lines.

Each run is a fresh process building into a temporary SQLite file, so peak memory is that of one
build. Usage: python benchmarks/build.py [--repeat N]
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


def one_build(target: Path) -> tuple[float, float]:
    env = dict(os.environ, BORDERLINKS_DATABASE_URL=f"sqlite:///{target}")
    code = ("import resource, sys;"
            "import dashboard.__main__ as m; rc = m.main(['build']);"
            "print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr);"
            "sys.exit(rc)")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                            text=True, check=True)
    seconds = time.perf_counter() - started
    peak_kb = next(int(line.split()[1]) for line in result.stderr.splitlines() if line.startswith("PEAK"))
    return seconds, peak_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    seconds, peaks = [], []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.repeat):
            s, peak = one_build(Path(folder) / f"store-{run}.sqlite")
            seconds.append(s)
            peaks.append(peak)
            size = (Path(folder) / f"store-{run}.sqlite").stat().st_size / 1e6
    print(json.dumps({"metric": "build_seconds", "median": round(statistics.median(seconds), 2),
                      "runs": [round(s, 2) for s in seconds]}))
    print(json.dumps({"metric": "build_peak_rss_mb", "median": round(statistics.median(peaks), 1),
                      "runs": [round(p, 1) for p in peaks]}))
    print(json.dumps({"metric": "store_size_mb", "value": round(size, 1)}))


if __name__ == "__main__":
    main()
