"""Several workers: `gunicorn -w 2 app:server` on the built store and a temporary registry. One sign-in
holds on both workers, a registry write is seen by both at once, and the Louvain communities computed
by one worker are read from the shared cache by the other."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from dashboard import settings
from dashboard.cache import entry_files
from dashboard.registry.database import registry_engine
from dashboard.registry.users import add_user

PASSWORD = "correct horse battery"
GUNICORN = Path(sys.executable).with_name("gunicorn")
WORKER = "X-Borderlinks-Worker"
#: bounded: parallel requests for at most this many seconds to meet both workers (a worker that is still
#: starting on a loaded machine answers nothing, and its sibling takes every request meanwhile)
PATIENCE = 120
#: bounded: the master loads the store and the registry before it listens (gunicorn.conf.py preloads the
#: app), minutes on a loaded 2-core machine
START_PATIENCE = 420


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The two-worker server's base URL (the test is skipped without a built store)."""
    from dashboard.store.catalog import StoreMissing, engine_for

    try:
        engine_for(settings.database_url()).dispose()
    except StoreMissing as missing:
        pytest.skip(f"needs the built store: {missing}")
    folder = tmp_path_factory.mktemp("workers")
    registry = f"sqlite:///{folder / 'registry.sqlite'}"
    add_user(registry_engine(registry), "anna", PASSWORD, "editor")
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key != "BORDERLINKS_SECRET_KEY"}
    env.update(BORDERLINKS_REGISTRY_URL=registry, BORDERLINKS_CACHE_DIR=str(folder / "cache"))
    log = (folder / "gunicorn.log").open("w")
    process = subprocess.Popen([str(GUNICORN), "-w", "2", "-b", f"127.0.0.1:{port}", "--timeout", "120",
                                "app:server"], cwd=settings.PROJECT_ROOT, env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_PATIENCE
        while True:
            assert process.poll() is None, (folder / "gunicorn.log").read_text()
            try:
                if requests.get(f"{base}/api/v1/summary", timeout=30).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, f"gunicorn did not answer within {START_PATIENCE} s"
            time.sleep(0.5)
        yield base, folder
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def from_both_workers(get, check=lambda response: True) -> dict[str, requests.Response]:
    """Call `get()` in parallel rounds (a new connection each: the workers share one listening socket)
    until two different workers have answered and passed `check`; {worker pid: a response of it}."""
    seen: dict[str, requests.Response] = {}
    deadline, asked = time.monotonic() + PATIENCE, 0
    with ThreadPoolExecutor(4) as pool:
        while time.monotonic() < deadline:
            asked += 4
            for response in pool.map(lambda _: get(), range(4)):
                assert response.status_code == 200, response.text[:500]
                assert check(response), response.text[:500]
                seen.setdefault(response.headers[WORKER], response)
            if len(seen) >= 2:
                return seen
    pytest.fail(f"only worker(s) {sorted(seen)} answered {asked} requests in {PATIENCE} s")


def test_sign_in_once_then_both_workers_know_the_user_and_see_a_write_at_once(server):
    base, _ = server
    client = requests.Session()
    client.headers["Connection"] = "close"
    token = client.get(f"{base}/auth/whoami").json()["csrf_token"]
    signed = client.post(f"{base}/auth/login", data={"name": "anna", "password": PASSWORD, "csrf_token": token,
                                                      "next": "/registry"}, allow_redirects=False)
    assert signed.status_code == 303
    cookies = client.cookies

    def whoami():
        return requests.get(f"{base}/auth/whoami", cookies=cookies, headers={"Connection": "close"}, timeout=60)

    answers = from_both_workers(whoami, lambda r: r.json()["user"] == "anna")
    token = next(iter(answers.values())).json()["csrf_token"]
    assert {r.json()["csrf_token"] for r in answers.values()} == {token}  # one session, both workers

    def activities():
        return requests.get(f"{base}/api/v1/activities?countries=BLR", headers={"Connection": "close"}, timeout=60)

    title = "Forum of twinned cities, workers test"
    before = from_both_workers(activities)  # both workers hold the registry in memory now
    assert all(title not in r.text for r in before.values())
    saved = requests.post(f"{base}/api/v1/registry/activities", cookies=cookies,
                          headers={"X-CSRF-Token": token, "Connection": "close"}, timeout=60,
                          json={"title": title, "type": "forum", "start_date": "2024-05-16", "places": "Minsk"})
    assert saved.status_code == 200 and saved.json().get("saved") is True, saved.text[:500]
    after = from_both_workers(activities, lambda r: title in r.text)  # no worker serves the old copy
    assert len(after) == 2


def test_communities_computed_by_one_worker_are_read_by_the_other(server):
    base, folder = server
    url = f"{base}/api/v1/network/communities?blocs=EAEU"
    first = requests.get(url, headers={"Connection": "close"}, timeout=120)
    assert first.status_code == 200 and first.json()["method"] == "louvain"
    files = entry_files(folder / "cache")
    assert len(files) == 1, "the communities were not written to the shared cache"
    written = {path: path.stat().st_mtime_ns for path in files}
    answers = from_both_workers(lambda: requests.get(url, headers={"Connection": "close"}, timeout=120))
    assert {r.json()["cities"] for r in answers.values()} == {first.json()["cities"]}
    assert {r.json()["modularity"] for r in answers.values()} == {first.json()["modularity"]}
    # the worker that had not computed it read the entry: no file was rewritten or added
    assert {path: path.stat().st_mtime_ns for path in files} == written
    assert entry_files(folder / "cache") == files
    other = requests.get(url.replace("EAEU", "SCO"), headers={"Connection": "close"}, timeout=120)
    assert other.status_code == 200 and len(entry_files(folder / "cache")) == 2  # one entry per filter
