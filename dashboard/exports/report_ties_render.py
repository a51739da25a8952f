"""The state-of-ties report's blocks written out: an editable DOCX (python-docx: real headings, tables and
the map as a picture) or HTML printed to an A4 PDF by the export Chromium (dashboard.exports.render).
Both writers show the same blocks, so the PDF has the DOCX's headings, tables and numbers."""

from __future__ import annotations

import base64
import html
import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from docx.oxml.shared import OxmlElement
from docx.shared import Cm, Pt, RGBColor

from dashboard.exports.jobs import render_slot
from dashboard.exports.render import renderer

DOCX_LANGUAGE = {"ru": "ru-RU", "en": "en-GB", "zh": "zh-CN"}
TEXT_WIDTH_CM = 17.0  # A4 portrait less 2 cm margins
MUTED = RGBColor(0x57, 0x60, 0x6A)


@dataclass(frozen=True)
class Block:
    kind: str                       # title, heading, subheading, paragraph, note, table, image
    text: str = ""
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    image: bytes = b""              # PNG
    widths: tuple[float, ...] = ()  # relative column widths


@dataclass
class Report:
    title: str
    lang: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, kind: str, text: str = "", **fields) -> None:
        self.blocks.append(Block(kind, text, **fields))

    def table(self, columns: list[str], rows, widths: tuple[float, ...] = ()) -> None:
        self.blocks.append(Block("table", columns=tuple(columns),
                                 rows=tuple(tuple("" if v is None else str(v) for v in row) for row in rows),
                                 widths=widths))

    def headings(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind in ("title", "heading", "subheading")]


# ---- DOCX -------------------------------------------------------------------------------------------------

def _set_language(document, lang: str) -> None:
    """Mark the text's language (spelling and hyphenation in Word and LibreOffice)."""
    for style_name in ("Normal", "Title", "Heading 1", "Heading 2"):
        properties = document.styles[style_name].element.get_or_add_rPr()
        language = properties.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            properties.append(language)
        language.set(qn("w:val"), DOCX_LANGUAGE.get(lang, "en-GB"))


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _docx_table(document, block: Block) -> None:
    table = document.add_table(rows=1, cols=len(block.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = block.widths if len(block.widths) == len(block.columns) else (1.0,) * len(block.columns)
    total = sum(widths)
    for cell, text in zip(table.rows[0].cells, block.columns):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
    _repeat_header(table.rows[0])
    for values in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values):
            cell.text = text
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(TEXT_WIDTH_CM * width / total)
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    document.add_paragraph()


def docx_bytes(report: Report) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    document.styles["Normal"].font.size = Pt(10.5)
    _set_language(document, report.lang)
    document.core_properties.title = report.title
    document.core_properties.language = DOCX_LANGUAGE.get(report.lang, "en-GB")
    document.core_properties.author = "Borderlinks"
    for block in report.blocks:
        if block.kind == "title":
            document.add_heading(block.text, level=0)
        elif block.kind == "heading":
            document.add_heading(block.text, level=1)
        elif block.kind == "subheading":
            document.add_heading(block.text, level=2)
        elif block.kind == "paragraph":
            document.add_paragraph(block.text)
        elif block.kind == "note":
            run = document.add_paragraph().add_run(block.text)
            run.italic = True
            run.font.color.rgb = MUTED
            run.font.size = Pt(9)
        elif block.kind == "table":
            _docx_table(document, block)
        elif block.kind == "image":
            document.add_picture(io.BytesIO(block.image), width=Cm(TEXT_WIDTH_CM))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---- HTML -> PDF --------------------------------------------------------------------------------------------

CSS = """
@page { size: A4 portrait; margin: 16mm 15mm 16mm 15mm; }
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 9.5pt; color: #1F2328; }
h1.title { font-size: 20pt; margin: 0 0 6pt 0; color: #0B3D63; }
h2 { font-size: 14pt; margin: 16pt 0 6pt 0; color: #0B3D63; border-bottom: 1px solid #D0D7DE;
     page-break-after: avoid; }
h3 { font-size: 11pt; margin: 10pt 0 4pt 0; page-break-after: avoid; }
p { margin: 0 0 6pt 0; line-height: 1.35; }
p.note { color: #57606A; font-style: italic; font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; margin: 0 0 8pt 0; font-size: 8.5pt; }
thead { display: table-header-group; }
th { background: #F2F4F6; text-align: left; font-weight: 600; }
th, td { border: 1px solid #D0D7DE; padding: 2.5pt 4pt; vertical-align: top; word-break: break-word; }
tr { page-break-inside: avoid; }
img { width: 100%; margin: 4pt 0; }
"""


def report_html(report: Report) -> str:
    parts = [f'<!doctype html><html lang="{report.lang}"><head><meta charset="utf-8"><title>'
             f'{html.escape(report.title)}</title><style>{CSS}</style></head><body>']
    for block in report.blocks:
        text = html.escape(block.text)
        if block.kind == "title":
            parts.append(f'<h1 class="title">{text}</h1>')
        elif block.kind == "heading":
            parts.append(f"<h2>{text}</h2>")
        elif block.kind == "subheading":
            parts.append(f"<h3>{text}</h3>")
        elif block.kind == "paragraph":
            parts.append(f"<p>{text}</p>")
        elif block.kind == "note":
            parts.append(f'<p class="note">{text}</p>')
        elif block.kind == "image":
            encoded = base64.b64encode(block.image).decode("ascii")
            parts.append(f'<img alt="" src="data:image/png;base64,{encoded}">')
        elif block.kind == "table":
            widths = block.widths if len(block.widths) == len(block.columns) else (1.0,) * len(block.columns)
            total = sum(widths)
            cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in widths)
            head = "".join(f"<th>{html.escape(c)}</th>" for c in block.columns)
            body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>"
                           for row in block.rows)
            parts.append(f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
                         "</table>")
    parts.append("</body></html>")
    return "".join(parts)


def pdf_bytes(report: Report) -> bytes:
    with tempfile.TemporaryDirectory(prefix="borderlinks-report-") as folder:
        path = Path(folder) / "report.html"
        path.write_text(report_html(report), encoding="utf-8")
        with render_slot():
            return renderer().pdf(path)
