"""A storage for Flask-Limiter's counters that every gunicorn worker of a machine shares: one SQLite file.

Flask-Limiter's `memory://` keeps counts per process, so with four workers an attacker gets four times
the tries; Redis or Memcached need a server. This storage (the `limits` package's Storage interface,
fixed windows) keeps each counter as a row of a SQLite file in WAL mode; an increment is one
`BEGIN IMMEDIATE` transaction, so concurrent workers never lose a count. Address it as
`borderlinks-sqlite:///absolute/path.sqlite`. For several machines, set BORDERLINKS_RATE_LIMIT_STORAGE
to a shared store Flask-Limiter knows (e.g. `redis://host:6379`).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from limits.storage import Storage

SCHEME = "borderlinks-sqlite"
_SCHEMA = """CREATE TABLE IF NOT EXISTS counters (
    key TEXT PRIMARY KEY,
    hits INTEGER NOT NULL,
    expires_at REAL NOT NULL
)"""


class SQLiteFileStorage(Storage):
    """Fixed-window counters in a SQLite file shared by the processes of one machine."""

    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        path = urlsplit(uri or "").path
        if not path or path == "/":
            raise ValueError(f"{SCHEME}:// needs the file's absolute path, e.g. {SCHEME}:///var/lib/x.sqlite")
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._connect() as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(_SCHEMA)
        connection.close()  # none kept from here: a worker forked from this process (gunicorn's preload) opens its own
        self._local = threading.local()

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def _connect(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            self._local.connection = connection
        return connection

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        now = time.time()
        connection = self._connect()
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.execute("DELETE FROM counters WHERE key = ? AND expires_at <= ?", (key, now))
            connection.execute("INSERT INTO counters (key, hits, expires_at) VALUES (?, ?, ?) "
                               "ON CONFLICT(key) DO UPDATE SET hits = hits + excluded.hits",
                               (key, amount, now + expiry))
            hits = connection.execute("SELECT hits FROM counters WHERE key = ?", (key,)).fetchone()[0]
            if amount and hits == amount:  # a new window: now and then drop the expired counters of others
                connection.execute("DELETE FROM counters WHERE expires_at <= ?", (now,))
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        return int(hits)

    def get(self, key: str) -> int:
        row = self._connect().execute("SELECT hits FROM counters WHERE key = ? AND expires_at > ?",
                                      (key, time.time())).fetchone()
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._connect().execute("SELECT expires_at FROM counters WHERE key = ? AND expires_at > ?",
                                      (key, time.time())).fetchone()
        return float(row[0]) if row else time.time()

    def check(self) -> bool:
        try:
            self._connect().execute("SELECT 1").fetchone()
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        connection = self._connect()
        count = connection.execute("SELECT COUNT(*) FROM counters").fetchone()[0]
        connection.execute("DELETE FROM counters")
        return int(count)

    def clear(self, key: str) -> None:
        self._connect().execute("DELETE FROM counters WHERE key = ?", (key,))
