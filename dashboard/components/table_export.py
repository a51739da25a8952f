"""Exactly what a grid shows: its rows (search, AG Grid filter and sort models applied on the server) and
those rows as CSV or XLSX. No Dash here; pages wire it to dash-ag-grid and dcc.Download.

The network page's grid uses AG Grid's infinite row model: every block the grid asks for is cut from
`grid_rows(...)`, and a download runs the same function on the same request (the grid's last
`getRowsRequest`, the search text, the filters in the URL), so the file holds the rows the grid shows,
in the grid's order, with its visible columns and their headers.

Spreadsheet safety: the files are made by dashboard.spreadsheets (formulas neutralised, in both formats),
the one module every CSV and XLSX leaving the app goes through, the API's included.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from dashboard.spreadsheets import XLSX_MIME, csv_bytes, neutralise, neutralise_formulas, xlsx_bytes

__all__ = ["XLSX_MIME", "csv_bytes", "neutralise", "neutralise_formulas", "xlsx_bytes"]  # the pages' names

TEXT_FILTER_TYPES = ("contains", "notContains", "equals", "notEqual", "startsWith", "endsWith", "blank",
                     "notBlank")
NUMBER_FILTER_TYPES = ("equals", "notEqual", "lessThan", "lessThanOrEqual", "greaterThan", "greaterThanOrEqual",
                       "inRange", "blank", "notBlank")


# ---- the rows a grid shows --------------------------------------------------------------------------------

def _casefold(series: pd.Series) -> pd.Series:
    return series.astype("string").fillna("").str.casefold()


def search_mask(frame: pd.DataFrame, text: str | None, columns: Iterable[str]) -> np.ndarray:
    """Rows where every word of `text` occurs (case-insensitive) in one of `columns`."""
    mask = np.ones(len(frame), dtype=bool)
    words = [w for w in (text or "").casefold().split() if w]
    if not words:
        return mask
    haystack = None
    for column in columns:
        part = _casefold(frame[column])
        haystack = part if haystack is None else haystack + "\u0001" + part
    if haystack is None:
        return mask
    for word in words:
        mask &= haystack.str.contains(word, regex=False).to_numpy(dtype=bool)
    return mask


def _text_condition(values: pd.Series, condition: Mapping) -> np.ndarray:
    kind = condition.get("type", "contains")
    text = _casefold(values)
    blank = (values.isna() | (values.astype("string").fillna("").str.strip() == "")).to_numpy(dtype=bool)
    if kind == "blank":
        return blank
    if kind == "notBlank":
        return ~blank
    wanted = str(condition.get("filter") or "").casefold()
    if kind == "contains":
        return text.str.contains(wanted, regex=False).to_numpy(dtype=bool)
    if kind == "notContains":
        return ~text.str.contains(wanted, regex=False).to_numpy(dtype=bool)
    if kind == "equals":
        return (text == wanted).to_numpy(dtype=bool)
    if kind == "notEqual":
        return (text != wanted).to_numpy(dtype=bool)
    if kind == "startsWith":
        return text.str.startswith(wanted).to_numpy(dtype=bool)
    if kind == "endsWith":
        return text.str.endswith(wanted).to_numpy(dtype=bool)
    return np.ones(len(values), dtype=bool)  # unknown type: no filter rather than no rows


def _number_condition(values: pd.Series, condition: Mapping) -> np.ndarray:
    kind = condition.get("type", "equals")
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64")
    blank = np.isnan(numbers)
    if kind == "blank":
        return blank
    if kind == "notBlank":
        return ~blank
    try:
        wanted = float(condition.get("filter"))
    except (TypeError, ValueError):
        return np.ones(len(values), dtype=bool)
    with np.errstate(invalid="ignore"):
        if kind == "equals":
            return numbers == wanted
        if kind == "notEqual":
            return numbers != wanted
        if kind == "lessThan":
            return numbers < wanted
        if kind == "lessThanOrEqual":
            return numbers <= wanted
        if kind == "greaterThan":
            return numbers > wanted
        if kind == "greaterThanOrEqual":
            return numbers >= wanted
        if kind == "inRange":
            try:
                upper = float(condition.get("filterTo"))
            except (TypeError, ValueError):
                return numbers > wanted
            low, high = min(wanted, upper), max(wanted, upper)
            return (numbers > low) & (numbers < high)  # AG Grid's default: both ends excluded
    return np.ones(len(values), dtype=bool)


def _column_filter(values: pd.Series, model: Mapping) -> np.ndarray:
    conditions = model.get("conditions")
    number = model.get("filterType") == "number"
    one = _number_condition if number else _text_condition
    if conditions:
        masks = [one(values, condition) for condition in conditions]
        if str(model.get("operator", "AND")).upper() == "OR":
            return np.logical_or.reduce(masks)
        return np.logical_and.reduce(masks)
    return one(values, model)


def apply_filter_model(frame: pd.DataFrame, filter_model: Mapping | None) -> pd.DataFrame:
    """The rows passing AG Grid's filter model (text and number filters, one or several conditions joined by
    AND / OR). Columns the frame does not have are ignored."""
    if not filter_model:
        return frame
    mask = np.ones(len(frame), dtype=bool)
    for column, model in filter_model.items():
        if column in frame.columns and isinstance(model, Mapping):
            mask &= _column_filter(frame[column], model)
    return frame[mask]


def text_sort_key(series: pd.Series) -> pd.Series:
    """How text sorts: case-insensitive, "ё" with "е" (as Russian dictionaries file it)."""
    return series.astype("string").str.casefold().str.replace("ё", "е", regex=False)


def sort_ranks(series: pd.Series) -> np.ndarray:
    """A float per row that sorts like the column (text by text_sort_key; NaN for blanks): compute it once
    per table and let apply_sort_model use it (`rank_of`), and sorting is numeric work."""
    if not (series.dtype == object or pd.api.types.is_string_dtype(series)):
        return pd.to_numeric(series, errors="coerce").to_numpy(dtype="float64")
    values = series.to_numpy(dtype=object)
    blank = pd.isna(values)
    keys = np.array(["" if b else str(v).casefold().replace("ё", "е") for v, b in zip(values, blank)], dtype=object)
    codes, uniques = pd.factorize(keys)
    order = np.argsort(uniques.astype(str), kind="stable")
    rank_of_unique = np.empty(len(uniques), dtype="float64")
    rank_of_unique[order] = np.arange(len(uniques), dtype="float64")
    ranks = rank_of_unique[codes]
    ranks[blank] = np.nan
    return ranks


def apply_sort_model(frame: pd.DataFrame, sort_model: Sequence[Mapping] | None,
                     default: Sequence[str] = (), rank_of: Callable[[str], np.ndarray] | None = None
                     ) -> pd.DataFrame:
    """The frame sorted as AG Grid's sort model says (text case-insensitively, blanks last); `default`
    columns break ties (and sort when the model is empty), so the order is always the same. `rank_of(column)`
    gives precomputed sort_ranks of the whole table (rows found by the frame's index), used instead of the
    values."""
    keys, ascending = [], []
    for item in sort_model or ():
        column = item.get("colId")
        if column in frame.columns and column not in keys:
            keys.append(column)
            ascending.append(item.get("sort", "asc") != "desc")
    for column in default:
        if column in frame.columns and column not in keys:
            keys.append(column)
            ascending.append(True)
    if not keys:
        return frame
    if rank_of is not None:
        rows = frame.index.to_numpy()
        signed = []
        for column, asc in zip(keys, ascending):
            values = np.asarray(rank_of(column), dtype="float64")[rows]
            signed.append(np.where(np.isnan(values), np.inf, values if asc else -values))  # blanks last
        return frame.iloc[np.lexsort(signed[::-1])]  # stable

    def key(series: pd.Series) -> pd.Series:
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            return text_sort_key(series)
        return series

    return frame.sort_values(keys, ascending=ascending, key=key, kind="stable", na_position="last")


def grid_rows(frame: pd.DataFrame, request: Mapping | None = None, search: str | None = None,
              search_columns: Iterable[str] = (), default_sort: Sequence[str] = (),
              rank_of: Callable[[str], np.ndarray] | None = None, haystack: Sequence[str] | None = None
              ) -> pd.DataFrame:
    """The rows a grid shows for `request` (AG Grid's getRowsRequest: filterModel, sortModel) and the
    search text: searched, filtered, sorted; index reset. The caller slices [startRow:endRow] for a block.
    Optional speed-ups for a table served many times: `rank_of` (see apply_sort_model) and `haystack`,
    the search columns of each row already joined and casefolded (see search_haystack)."""
    request = request or {}
    if haystack is not None and (search or "").strip():
        rows = frame[haystack_mask(haystack, search)]
    else:
        rows = frame[search_mask(frame, search, search_columns)]
    rows = apply_filter_model(rows, request.get("filterModel"))
    rows = apply_sort_model(rows, request.get("sortModel"), default_sort, rank_of)
    return rows.reset_index(drop=True)


def search_haystack(frame: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    """Each row's `columns` joined and casefolded (what search_mask looks through), to compute once."""
    values = [frame[c].astype(object).where(frame[c].notna(), "").astype(str).tolist() for c in columns]
    return np.array(["\u0001".join(row).casefold() for row in zip(*values)], dtype=object)


def haystack_mask(haystack: Sequence[str], text: str | None) -> np.ndarray:
    """search_mask over a precomputed haystack."""
    words = [w for w in (text or "").casefold().split() if w]
    mask = np.ones(len(haystack), dtype=bool)
    for word in words:
        mask &= np.fromiter((word in h for h in haystack), dtype=bool, count=len(haystack))
    return mask


def block_of(rows: pd.DataFrame, request: Mapping | None) -> tuple[pd.DataFrame, int, int]:
    """(the block of `rows` the request asks for, its start row, the row count)."""
    request = request or {}
    start = max(int(request.get("startRow") or 0), 0)
    end = int(request.get("endRow") or start + 100)
    return rows.iloc[start:max(end, start)], start, len(rows)


# ---- which columns, under which headers ----------------------------------------------------------------------

def shown_columns(column_defs: Sequence[Mapping], column_state: Sequence[Mapping] | None = None
                  ) -> list[tuple[str, str]]:
    """(field, header) of the columns a grid shows, in its order: `column_state` (the grid's columnState:
    colId, hide, in display order) when known, else the column definitions (minus hidden ones)."""
    headers = {d.get("colId") or d.get("field"): d.get("headerName") or d.get("field") for d in column_defs}
    fields = {d.get("colId") or d.get("field"): d.get("field") for d in column_defs}
    if column_state:
        order = [(s.get("colId"), bool(s.get("hide"))) for s in column_state if s.get("colId") in headers]
        known = {c for c, _ in order}
        order += [(c, False) for c in headers if c not in known]
    else:
        order = [(d.get("colId") or d.get("field"), bool(d.get("hide"))) for d in column_defs]
    return [(fields[c], headers[c]) for c, hidden in order if not hidden and fields.get(c)]


def export_frame(rows: pd.DataFrame, columns: Sequence[tuple[str, str]]) -> pd.DataFrame:
    """`rows` reduced to the shown columns, renamed to their headers, formulas neutralised."""
    present = [(field, header) for field, header in columns if field in rows.columns]
    out = rows[[field for field, _ in present]].copy()
    out.columns = [header for _, header in present]
    return neutralise_formulas(out)
