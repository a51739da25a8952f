"""Chinese texts of the cited tables' names that have English and Russian columns only (corridors, cross-border
regions and forums): translations written for the interface, kept in dashboard/locale/zh/names.csv (English
text -> Chinese text), not facts. Read once per process."""

from __future__ import annotations

import csv
from functools import lru_cache

from dashboard import settings

NAMES_CSV = settings.PROJECT_ROOT / "dashboard" / "locale" / "zh" / "names.csv"


@lru_cache(maxsize=1)
def chinese_texts() -> dict[str, str]:
    with NAMES_CSV.open(encoding="utf-8", newline="") as handle:
        return {row["en"].strip(): row["zh"].strip() for row in csv.DictReader(handle) if row["zh"].strip()}


def in_chinese(english: object) -> str | None:
    """The Chinese text of an English name of the cited tables, None where none is written."""
    return chinese_texts().get(english.strip()) if isinstance(english, str) else None
