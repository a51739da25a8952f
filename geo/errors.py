"""The one error type for bad input files: it names the file, the row, the column and the reason."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """An input file is missing, unreadable or not what was expected.

    The message names the file, and where known the row (1-based, counting the header as row 1)
    and the column, then says what was expected, so the user can fix the file.
    """

    def __init__(self, path: str | Path, reason: str, *, row: int | None = None,
                 column: str | None = None):
        self.path = str(path)
        self.reason = reason
        self.row = row
        self.column = column
        where = [self.path]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(f"{', '.join(where)}: {reason}")
