"""Is the store older than its inputs? (Used by `make` to rebuild only when needed.)"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import make_url

from dashboard import settings
from dashboard.store.catalog import read_build_info

CODE_DIRS = ("dashboard/store", "geo")


def newest_input_time(inputs) -> float:
    files = list(inputs.files())
    for folder in CODE_DIRS:
        files.extend((settings.PROJECT_ROOT / folder).glob("*.py"))
    return max(path.stat().st_mtime for path in files)


def store_is_fresh(url: str, inputs) -> bool:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not (parsed.database and
                                                      settings.Path(parsed.database).exists()):
        return False
    info = read_build_info(url)
    if not info or "built_at" not in info:
        return False
    built = datetime.fromisoformat(info["built_at"]).timestamp()
    return built >= newest_input_time(inputs)
