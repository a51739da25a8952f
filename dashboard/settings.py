"""Where the input data and the store live: environment variables with sensible defaults."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STORE = PROJECT_ROOT / "data" / "borderlinks.sqlite"


def data_dir(explicit: str | Path | None = None) -> Path | None:
    """The input data directory: the argument, BORDERLINKS_DATA_DIR, else ../shared/data if present, else
    data/inputs if `python -m dashboard fetch-data` filled it."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    if os.environ.get("BORDERLINKS_DATA_DIR"):
        return Path(os.environ["BORDERLINKS_DATA_DIR"]).expanduser().resolve()
    for candidate in (Path.cwd().parent / "shared" / "data", PROJECT_ROOT.parent / "shared" / "data",
                      PROJECT_ROOT / "data" / "inputs"):
        if candidate.is_dir():
            return candidate.resolve()
    return None


def database_url() -> str:
    """BORDERLINKS_DATABASE_URL, else the SQLite file data/borderlinks.sqlite in the checkout."""
    return os.environ.get("BORDERLINKS_DATABASE_URL") or f"sqlite:///{DEFAULT_STORE}"
