"""gunicorn's settings for Borderlinks, read from the working directory by every `gunicorn app:server`
(the Dockerfile, benchmarks/load.py, tests/test_workers.py); command-line options still override them.

The master loads the app once before it forks the workers (`preload_app`): the store's catalogue, the map's
layers, the place-name index and the registry's frames are read once, and every worker shares those pages with
the master instead of holding its own copy (benchmarks/worker_memory.py measures each worker's RSS and PSS).
`on_starting` runs in the master after the app is loaded, before gunicorn listens and forks: dashboard/warmup.py
`prepare_to_fork` finishes the warm-up there and freezes what is loaded, so the first request is answered warm
(a request sent while the master loads is refused, not left waiting).
"""

from dashboard.warmup import prepare_to_fork

preload_app = True


def on_starting(server) -> None:
    prepare_to_fork()
