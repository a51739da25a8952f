"""Reading CSV inputs with a check of the columns and of every row's shape."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from geo.errors import InputError


def require_file(path: Path) -> Path:
    if not path.is_file():
        raise InputError(path, "file not found")
    try:
        with path.open("rb") as handle:
            handle.read(1)
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from exc
    return path


def require_columns(path: Path, present, required) -> None:
    missing = [name for name in required if name not in set(present)]
    if missing:
        raise InputError(path, f"expected columns {', '.join(required)}; missing",
                         column=", ".join(missing))


def read_csv_checked(path: Path, required: list[str], *, numeric: tuple[str, ...] = (),
                     dtype=str) -> pd.DataFrame:
    """Read a UTF-8 CSV whose every row has the header's number of fields.

    Raises InputError naming the first broken row (wrong field count) or the first value of a
    `numeric` column that is not a number.
    """
    require_file(path)
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                raise InputError(path, "the file is empty; expected a header row")
            require_columns(path, header, required)
            rows = []
            for number, row in enumerate(reader, start=2):
                if len(row) != len(header):
                    raise InputError(path, f"has {len(row)} fields, the header has {len(header)}",
                                     row=number)
                rows.append(row)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    frame = pd.DataFrame(rows, columns=header, dtype=dtype)
    for column in numeric:
        values = pd.to_numeric(frame[column].replace("", None), errors="coerce")
        bad = values.isna() & frame[column].ne("")
        if bad.any():
            first = int(bad.to_numpy().nonzero()[0][0])
            raise InputError(path, f"expected a number, found {frame[column].iloc[first]!r}",
                             row=first + 2, column=column)
        frame[column] = values
    return frame
