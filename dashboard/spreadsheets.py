"""Tables as the spreadsheet files that leave the app (CSV and XLSX), safe to open in Excel or LibreOffice.

A text cell that starts with = + - @ (or a tab / carriage return) would be read as a formula; it gets a
leading apostrophe (`neutralise_formulas`), headers too. Every CSV and XLSX the app serves goes through
this module: the pages' downloads (dashboard/components/table_export.py) and the API's `format=csv`
(dashboard/web/api_responses.py). No Dash here.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """A text that a spreadsheet would take for a formula, with a leading apostrophe; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells starting with = + - @ (or tab, CR) begin with an apostrophe; also headers."""
    out = frame.copy()
    for position in range(out.shape[1]):  # by position: two columns may share a header
        series = out.iloc[:, position]
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            out.isetitem(position, series.astype(object).map(neutralise))
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def csv_text(frame: pd.DataFrame) -> str:
    """The frame as RFC 4180 CSV text (CRLF line ends: a cell holding a lone CR or LF is then quoted, and
    does not split its row), formulas neutralised."""
    buffer = io.StringIO()
    neutralise_formulas(frame).to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue()


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark (Excel then reads Cyrillic right); formulas neutralised."""
    return ("\ufeff" + csv_text(frame)).encode("utf-8")


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "Borderlinks") -> bytes:
    """One-sheet XLSX (openpyxl, write-only: tens of thousands of rows in about a second): a bold, frozen
    header row, numbers as numbers, every text cell stored as text (formulas neutralised first, so none
    starts with "="), columns sized to their content."""
    from openpyxl import Workbook  # imported on the first XLSX asked for: it adds ~0.3 s to the start
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    safe = neutralise_formulas(frame)
    book = Workbook(write_only=True)
    sheet_ = book.create_sheet("".join(ch for ch in sheet if ch not in "[]:*?/\\")[:31] or "Sheet1")
    headers = [str(c) for c in safe.columns]
    columns = [safe.iloc[:, k].map(_cell_value).tolist() for k in range(safe.shape[1])]
    for k, (header, values) in enumerate(zip(headers, columns), start=1):
        longest = max([len(header)] + [len(str(v)) for v in values[:2000] if v is not None])
        sheet_.column_dimensions[get_column_letter(k)].width = min(max(longest + 2, 6), 60)
    sheet_.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet_, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet_.append(header_cells)
    for row in zip(*columns):  # neutralised: no text starts with "=", so openpyxl stores all text as text
        sheet_.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell_value(value):
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value
