"""Each gunicorn worker's memory after a warm-up of requests (JSON lines; a benchmark, nothing asserted).

Starts `gunicorn -w W app:server` on 127.0.0.1 (the configured store and registry, or those given), sends a
warm-up: every page of benchmarks/load.py with each filter, its filter callback and the API tables, from
several clients at once so that every worker answers some, then reads for the master and each worker:
- rss_mb: resident memory (/proc/<pid>/status VmRSS), which counts the pages a worker shares with the master
  in full, in every worker;
- pss_mb: proportional set size (/proc/<pid>/smaps_rollup), each shared page divided among the processes
  sharing it: the honest figure once the master has loaded the data before forking (gunicorn.conf.py);
- shared_mb / private_mb: the resident pages shared with another process, and those of this process only.
Then the sum of PSS over master and workers: what the server takes from the machine.

`--config none` starts gunicorn without gunicorn.conf.py (every worker loads its own copy: the figures
before preloading).

Usage: .venv/bin/python benchmarks/worker_memory.py [--workers 2] [--rounds 3] [--port 8150]
       [--store FILE --registry FILE] [--config none]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from load import (  # noqa: E402
    API,
    FILTERS,
    PAGES,
    callback_payload,
    page_callbacks,
    stop_gunicorn,
    wait_until_up,
)


def emit(**record) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def memory_of(pid: int) -> dict[str, float]:
    """rss_mb, and pss_mb, shared_mb, private_mb where the kernel has smaps_rollup."""
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    kb = {line.split(":")[0]: int(line.split()[1]) for line in status if line.startswith(("VmRSS", "VmHWM"))}
    figures = {"rss_mb": round(kb["VmRSS"] / 1024), "peak_rss_mb": round(kb["VmHWM"] / 1024)}
    rollup = Path(f"/proc/{pid}/smaps_rollup")
    if rollup.exists():
        fields = {}
        for line in rollup.read_text().splitlines()[1:]:
            name, _, rest = line.partition(":")
            if rest.strip().endswith("kB"):
                fields[name] = int(rest.split()[0])
        figures.update(pss_mb=round(fields["Pss"] / 1024),
                       shared_mb=round((fields["Shared_Clean"] + fields["Shared_Dirty"]) / 1024),
                       private_mb=round((fields["Private_Clean"] + fields["Private_Dirty"]) / 1024))
    return figures


def children_of(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        found.extend(int(child) for child in children)
    return sorted(found)


def start_gunicorn(workers: int, port: int, config: str | None, env: dict) -> subprocess.Popen:
    command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "-w", str(workers), "-b", f"127.0.0.1:{port}",
               "--timeout", "300", "--log-level", "warning"]
    if config == "none":
        command += ["-c", os.devnull]
    return subprocess.Popen([*command, "app:server"], cwd=ROOT, env=env, start_new_session=True)


def warm_up(base: str, rounds: int, clients: int) -> tuple[int, int]:
    """Every page with each filter (HTML, layout, its filter callback) and the API tables; (requests, errors)."""
    callbacks = page_callbacks(base)
    work = []
    for _, page, query in itertools.product(range(rounds), PAGES, FILTERS[: 5]):
        work.append(("GET", f"{base}{page}?{query}", None))
        if page in callbacks:
            work.append(("POST", f"{base}/_dash-update-component",
                         callback_payload(callbacks[page], f"?{query}" if query else "")))
    work += [("GET", base + path, None) for path in API] * rounds

    sessions = threading.local()

    def send(item) -> bool:
        """One request from this client's session; a callback carries the session's CSRF token, as
        dash-renderer sends it (the `_csrf_token` cookie as the X-CSRFToken header)."""
        method, url, body = item
        session = getattr(sessions, "session", None)
        if session is None:
            session = sessions.session = requests.Session()
            session.get(base + "/about", timeout=600)
        headers = {"X-CSRFToken": session.cookies.get("_csrf_token", ""), "Referer": base + "/"}
        try:
            return session.request(method, url, json=body, headers=headers, timeout=600).status_code < 400
        except requests.RequestException:
            return False

    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(send, work))
    return len(results), results.count(False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--port", type=int, default=8150)
    parser.add_argument("--store", type=Path, help="a store file instead of the configured one")
    parser.add_argument("--registry", type=Path, help="a registry file instead of the configured one")
    parser.add_argument("--config", choices=["default", "none"], default="default",
                        help="none: without gunicorn.conf.py (no preloading)")
    parser.add_argument("--label", default="", help="a word to tell runs apart in the output")
    args = parser.parse_args()

    env = dict(os.environ)
    if args.store:
        env["BORDERLINKS_DATABASE_URL"] = f"sqlite:///{args.store.resolve()}"
    if args.registry:
        env["BORDERLINKS_REGISTRY_URL"] = f"sqlite:///{args.registry.resolve()}"
    base = f"http://127.0.0.1:{args.port}"
    process = start_gunicorn(args.workers, args.port, args.config, env)
    try:
        startup = wait_until_up(base, process, seconds=900)
        started = time.perf_counter()
        sent, errors = warm_up(base, args.rounds, args.clients)
        setup = {"label": args.label, "workers": args.workers, "preload": args.config != "none",
                 "store": str(args.store or "configured"), "startup_s": round(startup, 1),
                 "warm_up_requests": sent, "warm_up_errors": errors,
                 "warm_up_s": round(time.perf_counter() - started, 1)}
        emit(setup=setup)
        master = memory_of(process.pid)
        emit(label=args.label, process="master", pid=process.pid, **master)
        workers = children_of(process.pid)
        total_pss = master.get("pss_mb", 0)
        for pid in workers:
            figures = memory_of(pid)
            total_pss += figures.get("pss_mb", 0)
            emit(label=args.label, process="worker", pid=pid, **figures)
        emit(label=args.label, process="all", workers=len(workers), total_pss_mb=total_pss)
        return 1 if errors else 0
    finally:
        stop_gunicorn(process)


if __name__ == "__main__":
    sys.exit(main())
