"""The export queue is bounded: a burst of 200 PDF-brief jobs queues only a few (per requester and in
all; the rest are refused with when to retry) and the API keeps answering within a second meanwhile; a
job whose process died is failed within a minute; finished jobs and their files are cleaned away."""

from __future__ import annotations

import json
import time

import flask
import pytest
from tiny_world import tiny_catalog

from dashboard.exports import jobs
from dashboard.web.api import register_api


@pytest.fixture(autouse=True)
def export_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("BORDERLINKS_EXPORT_DIR", str(tmp_path / "exports"))
    return tmp_path / "exports"


def slow_work(seconds: float):
    """A stand-in for a brief: busy in Python (holding the GIL as a render's Python part does)."""
    def work(progress):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            sum(range(10_000))
        return b"%PDF-1.4 fake", "brief.pdf"
    return work


def test_a_burst_of_200_jobs_queues_a_few_and_the_api_keeps_answering(monkeypatch):
    from dashboard.store import catalog as store_catalog

    catalog = tiny_catalog()
    monkeypatch.setattr(store_catalog, "load_catalog", lambda url=None: catalog)
    app = flask.Flask(__name__)
    register_api(app)
    client = app.test_client()
    accepted, refused = [], []
    started = time.perf_counter()
    for k in range(200):
        try:
            accepted.append(jobs.submit("brief", slow_work(0.5), requester=f"address:10.0.{k % 4}.1"))
        except jobs.JobsBusy as busy:
            refused.append(busy.retry_after)
    burst = time.perf_counter() - started
    finished = sum(1 for job_id in accepted if jobs.read(job_id)["state"] in ("done", "failed"))
    assert jobs.MAX_WAITING <= len(accepted) <= jobs.MAX_WAITING + finished  # a finished job frees its place
    assert len(jobs._unfinished_jobs()) <= jobs.MAX_WAITING and len(refused) >= 200 - 2 * jobs.MAX_WAITING
    assert all(seconds > 0 for seconds in refused) and burst < 10
    owners = [state["requester"] for state in jobs._unfinished_jobs()]
    assert max(owners.count(owner) for owner in set(owners)) <= jobs.MAX_WAITING_PER_REQUESTER
    slowest = 0.0
    for _ in range(5):
        begun = time.perf_counter()
        assert client.get("/api/v1/summary").status_code == 200
        slowest = max(slowest, time.perf_counter() - begun)
        time.sleep(0.2)
    assert slowest < 1.0, f"/api/v1/summary took {slowest:.2f} s under the burst"
    for job_id in accepted:
        assert jobs.wait(job_id, timeout=60)["state"] == "done"


def test_one_requester_may_not_fill_the_queue():
    mine = [jobs.submit("brief", slow_work(0.3), requester="address:192.0.2.1")
            for _ in range(jobs.MAX_WAITING_PER_REQUESTER)]
    with pytest.raises(jobs.JobsBusy):
        jobs.submit("brief", slow_work(0.3), requester="address:192.0.2.1")
    other = jobs.submit("brief", slow_work(0.01), requester="user:anna")  # someone else still may
    for job_id in mine + [other]:
        assert jobs.wait(job_id, timeout=30)["state"] == "done"
    jobs.wait(jobs.submit("brief", slow_work(0.01), requester="address:192.0.2.1"), timeout=30)  # room again


def test_a_job_whose_process_died_fails_within_a_minute(export_dir):
    """A job left 'running' by a process that was killed: no heartbeat for STALE_SECONDS (< 60 s)."""
    assert jobs.STALE_SECONDS + jobs.HEARTBEAT_SECONDS <= 60
    job_id = "ab" * 12
    folder = export_dir / "jobs" / job_id
    folder.mkdir(parents=True)
    beat = time.time() - jobs.STALE_SECONDS - 1
    (folder / "job.json").write_text(json.dumps({"id": job_id, "kind": "brief", "state": "running", "progress": 40,
                                                 "step": "figures", "requester": "local", "heartbeat": beat,
                                                 "updated": beat}))
    state = jobs.read(job_id)
    assert state["state"] == "failed" and state["error"] == jobs.WORKER_STOPPED
    assert jobs._unfinished_jobs() == []  # it no longer takes a place in the queue


def test_a_live_job_keeps_its_heartbeat(monkeypatch):
    monkeypatch.setattr(jobs, "HEARTBEAT_SECONDS", 0.2)
    monkeypatch.setattr(jobs, "STALE_SECONDS", 3.0)
    jobs._pool = None  # a new pool, with a heartbeat of the patched period
    job_id = jobs.submit("brief", slow_work(6.0), requester="local")
    time.sleep(4.5)
    assert jobs.read(job_id)["state"] == "running"  # 4.5 s into the work, stale after 3 s unbeaten: alive
    assert jobs.wait(job_id, timeout=30)["state"] == "done"


def test_finished_jobs_and_their_files_are_cleaned(export_dir, monkeypatch):
    job_id = jobs.submit("brief", slow_work(0.01), requester="local")
    assert jobs.wait(job_id, timeout=30)["state"] == "done" and jobs.result_path(job_id).is_file()
    jobs._clean_old(now=time.time() + jobs.JOB_TTL_SECONDS + 1)
    assert not (export_dir / "jobs" / job_id).exists() and jobs.read(job_id) is None
    assert jobs.JOB_TTL_SECONDS <= 3600
