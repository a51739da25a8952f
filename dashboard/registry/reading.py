"""An uploaded file -> a table of text cells, or ImportRefused with a message people can act on.

Accepted: CSV/TSV text in UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text") or
Windows-1251, separated by `,`, `;` or tab (the one that makes the most sense of the header row), and
Excel workbooks (.xlsx; the first sheet whose header is recognised). The file's kind is told from its
bytes, not its name. Refused, with nothing written: files over MAX_UPLOAD_BYTES, empty files, old binary
.xls, a "workbook" that is not one, text in another encoding (KOI8-R, mixed encodings, binary).

Bounded work: every row read counts against MAX_ROWS, blank ones included (a sheet that jumps to row
1,048,576 is refused at row MAX_ROWS + 1, not padded out). A workbook is a zip: before it is opened, the
sizes its members expand to are read from the zip directory (zipfile never inflates a member past its
declared size), and one that would expand past MAX_XLSX_EXPANDED_BYTES, or whose shared strings (which
openpyxl reads whole) pass MAX_SHARED_STRINGS_BYTES, is refused at once. Sheets are streamed
(openpyxl read-only mode), at most MAX_COLUMNS columns wide.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import logging
import re
import zipfile
from dataclasses import dataclass, field

from dashboard.i18n import t
from dashboard.registry.vocabulary import column_of

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_CELL_CHARS = 10_000
MAX_COLUMNS = 200
#: what the whole workbook may expand to (a real 20 MB workbook expands to about 150 MB)
MAX_XLSX_EXPANDED_BYTES = 12 * MAX_UPLOAD_BYTES
#: openpyxl keeps the shared strings in memory: 100,000 rows of text need well under this
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024
SEPARATORS = (",", ";", "\t")
SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .xls (and .doc)
# characters of Windows-1251's upper half that real text uses: Cyrillic letters (Russian, Belarusian,
# Ukrainian, Serbian/Macedonian), typographic punctuation and a few signs
_CP1251_TEXT = set("ЁёЂђЃѓЉљЊњЌќЋћЏџЎўЈјҐґЄєЇїІіЅѕ«»–—№…“”„‘’•·°±§©®™\u00a0") | {
    chr(c) for c in range(0x0410, 0x0450)}


_UTF8_AS_CP1251 = re.compile("[РС][" + re.escape(bytes(range(0x80, 0xC0)).decode("cp1251", errors="ignore"))
                             + "]")


class ImportRefused(Exception):
    """The whole file is refused (nothing is written); `code` and `params` make the message."""

    def __init__(self, code: str, **params: object):
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str = "en") -> str:
        return t(f"import.refused.{self.code}", lang, **self.params)

    def __str__(self) -> str:
        return self.message("en")


@dataclass(frozen=True)
class RawTable:
    """The file's header and rows as text; `rows` holds (row number as a spreadsheet shows it, cells)."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]
    kind: str                      # "csv" or "xlsx"
    encoding: str | None = None    # of a CSV
    separator: str | None = None   # of a CSV
    sheet: str | None = None       # of a workbook
    notes: list[str] = field(default_factory=list)


def read_upload(data: bytes, file_name: str = "") -> RawTable:
    """The table in `data` (the file's bytes); raises ImportRefused for a file that cannot be read."""
    size = len(data)
    if size > MAX_UPLOAD_BYTES:
        raise ImportRefused("too_large", size_mb=f"{size / 2**20:.1f}", limit_mb=MAX_UPLOAD_BYTES // 2**20)
    if not data.strip():
        raise ImportRefused("empty")
    name = (file_name or "").lower()
    if data.startswith(_ZIP_MAGIC):
        return read_xlsx(data)
    if data.startswith(_OLE_MAGIC):
        raise ImportRefused("old_xls")
    if name.endswith((".xlsx", ".xlsm", ".xls")):
        raise ImportRefused("not_xlsx")
    text, encoding = decode_text(data)
    return read_csv_text(text, encoding)


# ---- text files --------------------------------------------------------------------------------------

def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name): UTF-8 (BOM optional), UTF-16 with BOM, else Windows-1251 if plausible."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise ImportRefused("encoding_mixed", position=error.start) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ImportRefused("encoding") from None
    if b"\x00" in data[:65536]:
        raise ImportRefused("binary")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        raise ImportRefused("encoding") from None
    check_cp1251_text(text)
    return text, "windows-1251"


def check_cp1251_text(text: str) -> None:
    """Refuse text that Windows-1251 decodes but that is not Windows-1251 (KOI8-R, mixed UTF-8)."""
    upper_half = [ch for ch in text if ord(ch) > 0x7F]
    odd = [ch for ch in upper_half if ch not in _CP1251_TEXT]
    if len(odd) > max(2, 0.01 * len(upper_half)):
        raise ImportRefused("encoding")
    # UTF-8 Cyrillic read as Windows-1251: lead byte Р/С followed by a continuation byte (0x80-0xBF)
    mojibake = len(_UTF8_AS_CP1251.findall(text))
    if mojibake >= 2 and mojibake >= 0.05 * max(1, text.count("Р") + text.count("С")):
        raise ImportRefused("encoding")
    letters = [ch for ch in upper_half if "\u0410" <= ch <= "\u044f" or ch in "Ёё"]
    capitals = sum(1 for ch in letters if ch.isupper())
    # KOI8-R read as Windows-1251 turns lower-case Russian into capitals (and vice versa)
    if len(letters) >= 40 and capitals > 0.7 * len(letters):
        raise ImportRefused("encoding")


def _records(text: str, separator: str):
    return csv.reader(io.StringIO(text, newline=""), delimiter=separator, quotechar='"', strict=False)


def _first_record(text: str, separator: str) -> list[str]:
    try:
        for record in _records(text, separator):
            if any(cell.strip() for cell in record):
                return record
    except csv.Error:
        return []
    return []


def choose_separator(text: str) -> str:
    """The separator under which the header row has the most recognised columns (then the most cells)."""
    head = text[:200_000]

    def score(separator: str) -> tuple[int, int]:
        header = _first_record(head, separator)
        return (len({column_of(cell) for cell in header} - {None}), len(header))

    return max(SEPARATORS, key=score)


def read_csv_text(text: str, encoding: str = "utf-8") -> RawTable:
    separator = choose_separator(text)
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL_CHARS * 10))
    reader = _records(text, separator)
    number = 0
    try:
        for record in reader:
            number += 1
            if number > MAX_ROWS + 1:  # every record counts, blank ones too: a header and MAX_ROWS rows
                raise ImportRefused("too_many_rows", limit=MAX_ROWS)
            cells = [cell.strip() for cell in record]
            if not any(cells):
                continue
            if headers is None:
                headers = cells
                continue
            rows.append((number, cells))
    except csv.Error as error:
        raise ImportRefused("malformed_csv", row=number + 1, detail=str(error)) from None
    if headers is None:
        raise ImportRefused("empty")
    return RawTable(headers, rows, "csv", encoding=encoding, separator=separator)


# ---- workbooks -------------------------------------------------------------------------------------------

def cell_text(value: object) -> str:
    """A workbook cell as text: dates as ISO dates, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def check_workbook_expansion(data: bytes) -> None:
    """Refuse a workbook whose members would expand past the limits (read from the zip directory only)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        log.warning("an uploaded workbook is not a readable zip: %r", error)
        raise ImportRefused("not_xlsx") from None
    expanded = sum(member.file_size for member in members)
    shared = sum(member.file_size for member in members if member.filename.lower().endswith("sharedstrings.xml"))
    for size, limit in ((shared, MAX_SHARED_STRINGS_BYTES), (expanded, MAX_XLSX_EXPANDED_BYTES)):
        if size > limit:
            raise ImportRefused("xlsx_expands", expanded_mb=f"{size / 2**20:.1f}", limit_mb=f"{limit / 2**20:.1f}")


def read_xlsx(data: bytes) -> RawTable:
    """The first sheet with a recognised header row (else the first sheet) of an .xlsx workbook."""
    from openpyxl import load_workbook  # heavy (~0.3 s to import): only when a workbook is uploaded

    check_workbook_expansion(data)
    # A damaged workbook fails deep inside zipfile, zlib or the XML parser with any of a dozen
    # exception types; whichever it is, the file is refused as "not a readable workbook".
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # not swallowed: the user is told the file is not a readable workbook
        log.warning("an uploaded workbook cannot be opened: %r", error)
        raise ImportRefused("not_xlsx") from None
    try:
        chosen = None
        for sheet in workbook.worksheets:
            header = _sheet_header(sheet)
            if chosen is None:
                chosen = sheet
            if len({column_of(cell) for cell in header} - {None}) >= 2:
                chosen = sheet
                break
        if chosen is None:
            raise ImportRefused("empty")
        headers: list[str] | None = None
        rows: list[tuple[int, list[str]]] = []
        chosen.reset_dimensions()  # the sheet's declared size is not trusted: rows are read as they come
        last_row = MAX_ROWS + 2  # a header and MAX_ROWS rows, and one more to tell that there are more
        for number, values in enumerate(chosen.iter_rows(values_only=True, max_col=MAX_COLUMNS,
                                                         max_row=last_row), start=1):
            if number > MAX_ROWS + 1:  # every row counts, blank ones too
                raise ImportRefused("too_many_rows", limit=MAX_ROWS)
            if values.count(None) == len(values):  # a blank row, told apart at C speed
                continue
            cells = _without_trailing_blanks([cell_text(value) for value in values])
            if not any(cells):
                continue
            if headers is None:
                headers = cells
                continue
            rows.append((number, cells))
        if headers is None:
            raise ImportRefused("empty")
        return RawTable(headers, rows, "xlsx", sheet=chosen.title)
    except ImportRefused:
        raise
    except Exception as error:  # damaged sheet XML or compressed data: refused as "not a readable workbook"
        log.warning("an uploaded workbook cannot be read: %r", error)
        raise ImportRefused("not_xlsx") from error
    finally:
        workbook.close()


def _without_trailing_blanks(cells: list[str]) -> list[str]:
    """Rows are read MAX_COLUMNS wide; the blank cells past the last filled one are not the file's."""
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _sheet_header(sheet) -> list[str]:
    sheet.reset_dimensions()
    for values in sheet.iter_rows(values_only=True, max_row=20, max_col=MAX_COLUMNS):
        cells = _without_trailing_blanks([cell_text(value) for value in values])
        if any(cells):
            return cells
    return []
