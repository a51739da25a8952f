"""Long exports as background jobs whose state lives on the file system, and the cross-process render slots.

    job_id = submit("brief", work)            # work(progress) -> (bytes, file name); returns at once
    read(job_id) -> {"state": "queued" | "running" | "done" | "failed", "progress": 0..100, "step": ...}
    result_path(job_id) -> the finished file

Each process runs its jobs in a small thread pool (WORKERS); a job's state is a JSON file under the export
directory (BORDERLINKS_EXPORT_DIR, default <tmp>/borderlinks-exports), written atomically, so any gunicorn
worker can answer a poll. Renders by Chromium take a slot first (`render_slot()`: one of RENDER_SLOTS file
locks shared by every process on the machine), so however many jobs and exports are asked for, at most that
many Chromium renders run at once and the app's other requests keep their CPU.

Bounded: at most MAX_WAITING_PER_REQUESTER unfinished jobs per requester (a signed-in user, else an address:
dashboard.auth.requester) and MAX_WAITING unfinished jobs in all; beyond, `submit` raises JobsBusy (with
the seconds to wait) and nothing is queued. The count and the new job are made under one machine-wide file
lock, so workers cannot overshoot together. Each process beats a heartbeat into the jobs it holds every
HEARTBEAT_SECONDS; a queued or running job whose heartbeat is older than STALE_SECONDS (its process died or
was restarted) is failed when next read, saying so, instead of waiting for hours. Finished jobs (their PDF
included) are deleted JOB_TTL_SECONDS after their last change.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from dashboard import auth

log = logging.getLogger(__name__)


class JobsBusy(Exception):
    """Too many unfinished jobs (the requester's or everyone's): nothing was queued; try after `retry_after` s."""

    def __init__(self, message: str, retry_after: int = 30):
        super().__init__(message)
        self.retry_after = retry_after

WORKERS = 1
RENDER_SLOTS = 2
SLOT_WAIT_SECONDS = 120
JOB_TTL_SECONDS = 3600
MAX_WAITING_PER_REQUESTER = 3
MAX_WAITING = 12
HEARTBEAT_SECONDS = 10
STALE_SECONDS = 45
UNFINISHED = ("queued", "running")
WORKER_STOPPED = "the server process running this export stopped; start it again"
_JOB_ID = re.compile(r"[0-9a-f]{24}")

Progress = Callable[[float, str], None]
Work = Callable[[Progress], tuple[bytes, str]]


def export_dir() -> Path:
    folder = Path(os.environ.get("BORDERLINKS_EXPORT_DIR") or Path(tempfile.gettempdir()) / "borderlinks-exports")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextlib.contextmanager
def render_slot(wait: float = SLOT_WAIT_SECONDS):
    """Hold one of RENDER_SLOTS machine-wide render slots while rendering (waits for a free one)."""
    folder = export_dir()
    deadline = time.monotonic() + wait
    while True:
        for slot in range(RENDER_SLOTS):
            handle = open(folder / f"render-slot-{slot}.lock", "a+")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                continue
            try:
                yield slot
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
                handle.close()
            return
        if time.monotonic() > deadline:
            raise TimeoutError("every render slot is busy; try again in a minute")
        time.sleep(0.1)


# ---- job state on disk ------------------------------------------------------------------------------------------

def _job_dir(job_id: str) -> Path:
    if not isinstance(job_id, str) or not _JOB_ID.fullmatch(job_id):
        raise KeyError(job_id)
    return export_dir() / "jobs" / job_id


def _write(job_id: str, **changes) -> dict:
    folder = _job_dir(job_id)
    path = folder / "job.json"
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        state = {}
    state.update(changes, updated=time.time())
    temporary = folder / f".job-{threading.get_ident()}.tmp"
    temporary.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)
    return state


def read(job_id: str) -> dict | None:
    """The job's state, or None when there is no such job (unknown, malformed or expired). A queued or
    running job whose process stopped beating its heartbeat is failed here, and says so."""
    try:
        path = _job_dir(job_id) / "job.json"
    except KeyError:
        return None
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    if state.get("state") in UNFINISHED and _is_stale(state):
        log.warning("export job %s: its process stopped (last heartbeat %.0f s ago)", job_id,
                    time.time() - _last_beat(state))
        state = _write(job_id, state="failed", step="failed", error=WORKER_STOPPED)
    return state


def _last_beat(state: dict) -> float:
    return float(state.get("heartbeat") or state.get("updated") or 0)


def _is_stale(state: dict, now: float | None = None) -> bool:
    return (now or time.time()) - _last_beat(state) > STALE_SECONDS


def result_path(job_id: str) -> Path | None:
    state = read(job_id)
    if not state or state.get("state") != "done" or not state.get("file"):
        return None
    path = _job_dir(job_id) / state["file"]
    return path if path.is_file() else None


def _clean_old(now: float | None = None) -> None:
    """Delete the folders (state and file) of jobs untouched for JOB_TTL_SECONDS."""
    now = now or time.time()
    root = export_dir() / "jobs"
    if not root.is_dir():
        return
    for folder in root.iterdir():
        try:
            changed = max(folder.stat().st_mtime, (folder / "job.json").stat().st_mtime)
        except FileNotFoundError:
            changed = 0.0
        if now - changed > JOB_TTL_SECONDS:
            shutil.rmtree(folder, ignore_errors=True)


def _unfinished_jobs() -> list[dict]:
    """The queued and running jobs of every process on the machine (stale ones are failed on the way)."""
    root = export_dir() / "jobs"
    if not root.is_dir():
        return []
    states = (read(folder.name) for folder in root.iterdir() if _JOB_ID.fullmatch(folder.name))
    return [state for state in states if state and state.get("state") in UNFINISHED]


@contextlib.contextmanager
def _submit_lock():
    """One submission at a time on the machine: the count of waiting jobs and the new job go together."""
    with open(export_dir() / "submit.lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# ---- running jobs -----------------------------------------------------------------------------------------------

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()
_held: set[str] = set()  # the jobs this process has queued or is running (their heartbeats are ours)


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="borderlinks-export")
            threading.Thread(target=_beat_heartbeats, name="borderlinks-export-heartbeat", daemon=True).start()
        return _pool


def _beat_heartbeats() -> None:
    """Every HEARTBEAT_SECONDS, tell the other processes that this one still holds its jobs."""
    while True:
        time.sleep(HEARTBEAT_SECONDS)
        with _pool_lock:
            held = list(_held)
        for job_id in held:
            try:
                _write(job_id, heartbeat=time.time())
            except OSError as error:  # the folder was cleaned away meanwhile: nothing to beat for
                log.warning("export job %s: no heartbeat written (%s)", job_id, error)


def submit(kind: str, work: Work, meta: dict | None = None, requester: str | None = None) -> str:
    """Queue `work` (called with a progress callback; returns the file's bytes and name); its job id at once.
    Raises JobsBusy when the requester (by default the request's: dashboard.auth.requester) or everyone has
    too many jobs waiting."""
    requester = requester or auth.requester()
    _clean_old()
    with _submit_lock():
        waiting = _unfinished_jobs()
        mine = sum(1 for state in waiting if state.get("requester") == requester)
        if mine >= MAX_WAITING_PER_REQUESTER:
            raise JobsBusy(f"you have {mine} exports waiting already; wait until one is done", retry_after=30)
        if len(waiting) >= MAX_WAITING:
            raise JobsBusy(f"the server has {len(waiting)} exports waiting; try again in a minute", retry_after=60)
        job_id = secrets.token_hex(12)
        _job_dir(job_id).mkdir(parents=True)
        now = time.time()
        _write(job_id, id=job_id, kind=kind, state="queued", progress=0, step="queued", created=now, heartbeat=now,
               requester=requester, **(meta or {}))
    executor = _executor()
    with _pool_lock:
        _held.add(job_id)
    executor.submit(_run, job_id, work)
    return job_id


def _run(job_id: str, work: Work) -> None:
    try:
        if read(job_id) is None:  # cleaned away while it waited
            return
        _write(job_id, state="running", progress=1, step="start", heartbeat=time.time())

        def progress(fraction: float, step: str) -> None:
            _write(job_id, progress=max(1, min(99, int(round(100 * fraction)))), step=step, heartbeat=time.time())

        try:
            body, name = work(progress)
            safe = "".join(ch for ch in name if ch.isalnum() or ch in "-_.") or "borderlinks.pdf"
            (_job_dir(job_id) / safe).write_bytes(body)
            _write(job_id, state="done", progress=100, step="done", file=safe, size=len(body))
        except Exception as error:  # the job fails, the app does not
            log.exception("export job %s failed", job_id)
            _write(job_id, state="failed", step="failed", error=str(error)[:300])
    finally:
        with _pool_lock:
            _held.discard(job_id)


def wait(job_id: str, timeout: float = 120) -> dict | None:
    """Poll until the job is done or failed (for scripts and tests)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = read(job_id)
        if state and state.get("state") in ("done", "failed"):
            return state
        time.sleep(0.1)
    return read(job_id)
