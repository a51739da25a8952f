"""A bounded load test on loopback: N users for S seconds against gunicorn with W workers (JSON lines).

Starts `gunicorn -w W app:server` on a free 127.0.0.1 port (the configured store and registry, read
only), waits until it answers, then runs N simulated users in threads until the time is up. Each user
loops like a delegate at a forum: opens a page (the HTML, Dash's layout and dependencies, as a browser
does), changes a filter (the page's own callback, posted exactly as the browser posts it, with the new
URL query), and now and then downloads a table from the API. Reports requests, errors (any status >= 400
or failed connection), requests per second, and latency median / p95 / max per kind of request, then
stops gunicorn. Goal: 0 errors.

Usage: .venv/bin/python benchmarks/load.py [--users 50] [--seconds 60] [--workers 2] [--threads 4]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent

PAGES = ["/", "/network", "/corridors", "/activities", "/country/RUS", "/country/BLR", "/about"]
FILTERS = ["", "countries=BLR", "countries=RUS,BLR", "countries=KAZ&border=1", "blocs=EAEU",
           "blocs=SCO&minpop=100000", "scope=between&pair=BLR,RUS", "countries=CHN&lang=ru", "lang=ru",
           "countries=RUS&border=1&minpop=50000", "blocs=BRICS&view=world", "countries=UZB,KGZ,TJK",
           "countries=MNG,CHN,RUS&scope=within", "from=2023&to=2025", "countries=BLR&from=2024&to=2024"]
API = ["/api/v1/twinnings?countries=BLR&format=csv", "/api/v1/summary", "/api/v1/places?countries=KGZ",
       "/api/v1/network/matrix?blocs=EAEU", "/api/v1/activities?from=2023&to=2025"]
# each page's callback that redraws it when the URL's query changes (found in /_dash-dependencies)
PAGE_OF_CALLBACK = {"map-graph.figure": "/", "corridors-graph.figure": "/corridors",
                    "network-summary.children": "/network", "activities-content.children": "/activities"}


def emit(**record) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(workers: int, threads: int, port: int) -> subprocess.Popen:
    command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "-w", str(workers), "--threads", str(threads),
               "-b", f"127.0.0.1:{port}", "--timeout", "120", "--log-level", "warning", "app:server"]
    return subprocess.Popen(command, cwd=ROOT, start_new_session=True)


def stop_gunicorn(process: subprocess.Popen) -> None:
    """Stop gunicorn and its workers (their process group): politely, then for good after 30 s."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def wait_until_up(base: str, process: subprocess.Popen, seconds: float = 180) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}")
        try:
            if requests.get(base + "/api/v1/summary", timeout=5).ok:
                return time.perf_counter() - started
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise SystemExit("gunicorn did not answer in time")


def page_callbacks(base: str) -> dict[str, dict]:
    """Page path -> the callback (from /_dash-dependencies) that redraws it from the URL's query."""
    found = {}
    for dependency in requests.get(base + "/_dash-dependencies", timeout=30).json():
        inputs = dependency["inputs"]
        if len(inputs) != 1 or inputs[0] != {"id": "url", "property": "search"}:
            continue
        outputs = dependency["output"].strip(".").split("...")
        for output in outputs:
            if output in PAGE_OF_CALLBACK:
                found[PAGE_OF_CALLBACK[output]] = {"output": dependency["output"], "outputs": [
                    dict(zip(("id", "property"), o.rsplit(".", 1))) for o in outputs], "state": dependency["state"]}
    return found


def callback_payload(callback: dict, query: str) -> dict:
    return {"output": callback["output"], "outputs": callback["outputs"] if len(callback["outputs"]) > 1
            else callback["outputs"][0],
            "inputs": [{"id": "url", "property": "search", "value": query}],
            "state": [{**state, "value": None} for state in callback["state"]],
            "changedPropIds": ["url.search"]}


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = collections.defaultdict(list)
        self.errors: collections.Counter = collections.Counter()
        self.examples: list[str] = []

    def record(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latency[kind].append(seconds)
            if error:
                self.errors[kind] += 1
                if len(self.examples) < 10:
                    self.examples.append(f"{kind}: {error}")


def timed(tally: Tally, kind: str, session: requests.Session, method: str, url: str, **kwargs) -> None:
    started = time.perf_counter()
    error = None
    try:
        response = session.request(method, url, timeout=120, **kwargs)
        if response.status_code >= 400:
            error = f"{response.status_code} {url} {response.text[:120]!r}"
    except requests.RequestException as failure:
        error = f"{type(failure).__name__} {url}"
    tally.record(kind, time.perf_counter() - started, error)


def user(base: str, callbacks: dict[str, dict], deadline: float, tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    session = requests.Session()
    while time.perf_counter() < deadline:
        page = rng.choice(PAGES)
        query = rng.choice(FILTERS)
        url = base + page + (f"?{query}" if query else "")
        timed(tally, "page", session, "GET", url)
        timed(tally, "layout", session, "GET", base + "/_dash-layout", headers={"Referer": url})
        timed(tally, "dependencies", session, "GET", base + "/_dash-dependencies")
        callback = callbacks.get(page)
        for _ in range(rng.randint(1, 3) if callback else 0):  # the delegate changes a filter or two
            query = rng.choice(FILTERS)
            timed(tally, "filter callback", session, "POST", base + "/_dash-update-component",
                  json=callback_payload(callback, f"?{query}" if query else ""),
                  headers={"Referer": base + page,  # as dash-renderer sends it: the session's CSRF cookie
                           "X-CSRFToken": session.cookies.get("_csrf_token", "")})
        if rng.random() < 0.3:
            timed(tally, "api", session, "GET", base + rng.choice(API))
        time.sleep(rng.uniform(0.2, 1.0))  # reading the page


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = start_gunicorn(args.workers, args.threads, port)
    try:
        startup = wait_until_up(base, process)
        callbacks = page_callbacks(base)
        missing = set(PAGE_OF_CALLBACK.values()) - set(callbacks)
        if missing:
            raise SystemExit(f"no filter callback found for {sorted(missing)}")
        for page in PAGES:  # one visit each first, so the measured minute is not the workers' warm-up
            requests.get(base + page, timeout=120)
        emit(setup={"users": args.users, "seconds": args.seconds, "workers": args.workers,
                    "threads": args.threads, "startup_seconds": round(startup, 1), "cores": os.cpu_count()})
        tally = Tally()
        deadline = time.perf_counter() + args.seconds
        started = time.perf_counter()
        threads = [threading.Thread(target=user, args=(base, callbacks, deadline, tally, seed), daemon=True)
                   for seed in range(args.users)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 180)
        elapsed = time.perf_counter() - started
        total = sum(len(v) for v in tally.latency.values())
        for kind, values in sorted(tally.latency.items()):
            emit(kind=kind, requests=len(values), errors=tally.errors[kind],
                 median_ms=round(1000 * statistics.median(values)), p95_ms=round(1000 * percentile(values, 0.95)),
                 max_ms=round(1000 * max(values)))
        every = [v for values in tally.latency.values() for v in values]
        emit(total_requests=total, errors=sum(tally.errors.values()), requests_per_second=round(total / elapsed, 1),
             p95_ms=round(1000 * percentile(every, 0.95)), elapsed_seconds=round(elapsed, 1),
             error_examples=tally.examples)
        return 1 if tally.errors else 0
    finally:
        stop_gunicorn(process)


if __name__ == "__main__":
    sys.exit(main())
