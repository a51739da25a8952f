"""Long exports as background jobs whose state lives on the file system, and the cross-process render slots.

    job_id = submit("brief", work)            # work(progress) -> (bytes, file name); returns at once
    read(job_id) -> {"state": "queued" | "running" | "done" | "failed", "progress": 0..100, "step": ...}
    result_path(job_id) -> the finished file

Each process runs its jobs in a small thread pool (WORKERS); a job's state is a JSON file under the export
directory (BORDERLINKS_EXPORT_DIR, default <tmp>/borderlinks-exports), written atomically, so any gunicorn
worker can answer a poll. Renders by Chromium take a slot first (`render_slot()`: one of RENDER_SLOTS file
locks shared by every process on the machine), so however many jobs and exports are asked for, at most that
many Chromium renders run at once and the app's other requests keep their CPU. Finished jobs are deleted
after JOB_TTL_SECONDS.
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

log = logging.getLogger(__name__)

WORKERS = 1
RENDER_SLOTS = 2
SLOT_WAIT_SECONDS = 120
JOB_TTL_SECONDS = 6 * 3600
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
    state = read(job_id) if path.exists() else {}
    state.update(changes, updated=time.time())
    temporary = folder / f".job-{threading.get_ident()}.tmp"
    temporary.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)
    return state


def read(job_id: str) -> dict | None:
    """The job's state, or None when there is no such job (unknown, malformed or expired)."""
    try:
        path = _job_dir(job_id) / "job.json"
    except KeyError:
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def result_path(job_id: str) -> Path | None:
    state = read(job_id)
    if not state or state.get("state") != "done" or not state.get("file"):
        return None
    path = _job_dir(job_id) / state["file"]
    return path if path.is_file() else None


def _clean_old(now: float | None = None) -> None:
    now = now or time.time()
    root = export_dir() / "jobs"
    if not root.is_dir():
        return
    for folder in root.iterdir():
        try:
            if now - folder.stat().st_mtime > JOB_TTL_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
        except FileNotFoundError:
            continue


# ---- running jobs -----------------------------------------------------------------------------------------------

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="borderlinks-export")
        return _pool


def submit(kind: str, work: Work, meta: dict | None = None) -> str:
    """Queue `work` (called with a progress callback; returns the file's bytes and name); its job id at once."""
    _clean_old()
    job_id = secrets.token_hex(12)
    _job_dir(job_id).mkdir(parents=True)
    _write(job_id, id=job_id, kind=kind, state="queued", progress=0, step="queued", created=time.time(),
           **(meta or {}))
    _executor().submit(_run, job_id, work)
    return job_id


def _run(job_id: str, work: Work) -> None:
    _write(job_id, state="running", progress=1, step="start")

    def progress(fraction: float, step: str) -> None:
        _write(job_id, progress=max(1, min(99, int(round(100 * fraction)))), step=step)

    try:
        body, name = work(progress)
        safe = "".join(ch for ch in name if ch.isalnum() or ch in "-_.") or "borderlinks.pdf"
        (_job_dir(job_id) / safe).write_bytes(body)
        _write(job_id, state="done", progress=100, step="done", file=safe, size=len(body))
    except Exception as error:  # the job fails, the app does not
        log.exception("export job %s failed", job_id)
        _write(job_id, state="failed", step="failed", error=str(error)[:300])


def wait(job_id: str, timeout: float = 120) -> dict | None:
    """Poll until the job is done or failed (for scripts and tests)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = read(job_id)
        if state and state.get("state") in ("done", "failed"):
            return state
        time.sleep(0.1)
    return read(job_id)
