"""The downloadable import templates, in English and Russian, as CSV or XLSX.

CSV: UTF-8 with BOM (Excel opens it with the right letters), `,` for English and `;` for Russian (what
Excel expects in each locale), the header row only. XLSX: the header row with a drop-down of activity
types, and a second sheet that explains every column with an example.
"""

from __future__ import annotations

import io

from dashboard.i18n import t
from dashboard.registry.vocabulary import ACTIVITY_TYPES, COLUMNS, TEMPLATE_HEADERS

TEMPLATE_LANGUAGES = ("en", "ru")


def template_csv(lang: str = "en") -> bytes:
    lang = lang if lang in TEMPLATE_LANGUAGES else "en"
    separator = ";" if lang == "ru" else ","
    header = separator.join(TEMPLATE_HEADERS[lang][column] for column in COLUMNS)
    return ("\ufeff" + header + "\r\n").encode("utf-8")


def template_xlsx(lang: str = "en") -> bytes:
    # openpyxl is heavy (~0.3 s to import) and only needed when someone downloads the XLSX template
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    lang = lang if lang in TEMPLATE_LANGUAGES else "en"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = t("template.sheet.activities", lang)[:31]
    sheet.append([TEMPLATE_HEADERS[lang][column] for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGHIJKL", (40, 18, 14, 14, 30, 24, 14, 30, 14, 30, 40, 30)):
        sheet.column_dimensions[letter].width = width
    types = [t(f"activity.type.{code}", lang) for code in ACTIVITY_TYPES]
    help_sheet = workbook.create_sheet(t("template.sheet.help", lang)[:31])
    help_sheet.append([t("template.help.column", lang), t("template.help.meaning", lang),
                       t("template.help.example", lang)])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        help_sheet.append([TEMPLATE_HEADERS[lang][column], t(f"template.help.{column}", lang),
                           t(f"template.example.{column}", lang)])
    help_sheet.append([])
    help_sheet.append([t("template.help.types", lang), "; ".join(types)])
    for letter, width in zip("ABC", (18, 90, 40)):
        help_sheet.column_dimensions[letter].width = width
    lists = workbook.create_sheet("types")
    for row, label in enumerate(types, start=1):
        lists.cell(row=row, column=1, value=label)
    lists.sheet_state = "hidden"
    validation = DataValidation(type="list", formula1=f"=types!$A$1:$A${len(types)}", allow_blank=True,
                                showErrorMessage=False)
    sheet.add_data_validation(validation)
    validation.add("B2:B5000")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
