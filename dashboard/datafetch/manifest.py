"""data/downloads.csv: where each input file comes from and the SHA-256 it must have.

Columns: `name` (path inside the data directory, or `sources/...` for an upstream file that is only derived
from), `url` (its canonical public address; empty when the file is derived or has no public pinned copy),
`sha256` (empty only for upstream sources whose derived files carry the checksum), `derive` (empty, or a
recipe name followed by the names of its sources, see dashboard/datafetch/recipes.py), `shape` (empty, or
for a live query's result, whose bytes change with every edit upstream, the columns and row range it is checked
against instead of its checksum, see dashboard/datafetch/shape.py), `note` (how the checksum was obtained).
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

from dashboard import settings
from dashboard.datafetch.shape import Shape, parse_shape

DOWNLOADS = settings.PROJECT_ROOT / "data" / "downloads.csv"

#: a base address serving a copy of the data directory (same relative paths): a secretariat's own mirror,
#: or the tests' loopback server. When set, every file the build reads is fetched from it as is.
MIRROR_SETTING = "BORDERLINKS_DATA_MIRROR"

SOURCE_PREFIX = "sources/"


@dataclass(frozen=True)
class Download:
    name: str
    url: str
    sha256: str
    derive: str = ""
    shape: str = ""
    note: str = ""

    @property
    def is_source(self) -> bool:
        """An upstream file kept in the cache only to derive build inputs from."""
        return self.name.startswith(SOURCE_PREFIX)

    @property
    def expected_shape(self) -> Shape | None:
        """The shape a live result must have, for a file checked by shape (its `sha256` is then that of the
        snapshot the project was built from: a copy of that snapshot is accepted too)."""
        return parse_shape(self.shape)

    @property
    def recipe(self) -> str:
        return self.derive.split()[0] if self.derive else ""

    @property
    def recipe_sources(self) -> list[str]:
        return self.derive.split()[1:]


def read_manifest(path: Path = DOWNLOADS) -> list[Download]:
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return [Download(row["name"], row["url"].strip(), row["sha256"].strip().lower(),
                         row["derive"].strip(), (row.get("shape") or "").strip(), (row.get("note") or "").strip())
                for row in csv.DictReader(handle)]


COLUMNS = ["name", "url", "sha256", "derive", "shape", "note"]


def write_manifest(entries: list[Download], path: Path = DOWNLOADS) -> None:
    """Rewrite data/downloads.csv (in one rename) with the entries in their order."""
    partial = Path(path).with_name(Path(path).name + ".part")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows([entry.name, entry.url, entry.sha256, entry.derive, entry.shape, entry.note]
                         for entry in entries)
    os.replace(partial, path)


def build_inputs(entries: list[Download]) -> list[Download]:
    """The files the store build reads (everything but the upstream sources)."""
    return [entry for entry in entries if not entry.is_source]


def mirror_base() -> str | None:
    base = os.environ.get(MIRROR_SETTING, "").strip()
    return base.rstrip("/") if base else None


def mirror_address(base: str, entry: Download) -> str:
    return f"{base}/{entry.name}"
