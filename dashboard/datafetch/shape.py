"""The shape a live query's result must have, for files whose bytes change with every download.

A Wikidata SPARQL result is a different file each time the data are edited, so no SHA-256 can be pinned for
it. The `shape` column of data/downloads.csv says instead what such a file must hold, e.g.
`columns qid label_en country; rows 3000-12000`: exactly those CSV columns in that order, and a number of
data rows in that range (an empty, cut-off or wrong-query result falls outside it).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from dashboard.datafetch.transfer import Refused


@dataclass(frozen=True)
class Shape:
    columns: tuple[str, ...]
    min_rows: int
    max_rows: int

    def __str__(self) -> str:
        return f"columns {','.join(self.columns)} and {self.min_rows:,}-{self.max_rows:,} rows"


class ShapeError(ValueError):
    """A `shape` cell of data/downloads.csv that does not say `columns ...; rows MIN-MAX`."""


def parse_shape(text: str) -> Shape | None:
    if not text.strip():
        return None
    parts = dict(part.strip().split(None, 1) for part in text.split(";") if part.strip())
    try:
        low, high = (int(bound) for bound in parts["rows"].split("-"))
        columns = tuple(parts["columns"].split())
    except (KeyError, ValueError) as exc:
        raise ShapeError(f"shape {text!r} is not 'columns NAME NAME ...; rows MIN-MAX'") from exc
    return Shape(columns, low, high)


def observed_shape(path: Path) -> tuple[tuple[str, ...], int]:
    """(header columns, number of data rows) of a UTF-8 CSV file."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = tuple(next(reader, ()))
        return header, sum(1 for row in reader if row)


def shape_problem(path: Path, shape: Shape) -> str | None:
    """What is wrong with the file's shape, or None when it has the shape."""
    try:
        columns, rows = observed_shape(path)
    except (UnicodeDecodeError, csv.Error) as exc:
        return f"it is not a UTF-8 CSV file ({exc})"
    if columns != shape.columns:
        return f"its columns are {','.join(columns) or '(none)'}"
    if not shape.min_rows <= rows <= shape.max_rows:
        return f"it has {rows:,} rows"
    return None


class ShapeMismatch(Refused):
    def __init__(self, name: str, url: str, shape: Shape, problem: str):
        self.name, self.url, self.shape, self.problem = name, url, shape, problem
        super().__init__(f"Refused {name} from {url}: data/downloads.csv expects {shape}, but {problem}. "
                         f"The file was not used; any cached copy is unchanged.")
