"""Spreadsheet exports of a table's combined view: pure functions from rows to
CSV or XLSX bytes. No database here; the views build the rows from exactly
what the viewer may see.

Every text cell that a spreadsheet would read as a formula (or as the start of
one: = + - @, a tab or a carriage return) is neutralised with a leading single
quote, in both formats (CSV/formula injection)."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")

CSV_MIMETYPE = "text/csv; charset=utf-8"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """A cell value safe to open in a spreadsheet: text starting with a formula
    character gets a leading single quote. Non-negative numbers stay numbers;
    dates become ISO text; None becomes empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return value if value >= 0 else "'" + str(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if text.startswith(DANGEROUS_STARTS):
        return "'" + text
    return text


def _clean_rows(header: Sequence[str], rows: Iterable[Sequence]) -> Iterable[list]:
    yield [neutralise(h) for h in header]
    for row in rows:
        yield [neutralise(v) for v in row]


def to_csv(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in _clean_rows(header, rows):
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def to_xlsx(sheet_title: str, header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """One worksheet (write-only workbook), the header row bold, values only:
    no cell is ever written as a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(sheet_title))
    bold = Font(bold=True)
    lines = _clean_rows(header, rows)
    header_cells = []
    for value in next(lines):
        cell = _xlsx_cell(sheet, value)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for line in lines:
        sheet.append([_xlsx_cell(sheet, v) for v in line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value):
    if isinstance(value, str):
        # Control characters XML cannot carry are dropped (tab, newline, CR are fine).
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _xlsx_cell(sheet, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=_xlsx_value(value))
    if isinstance(value, str):
        cell.data_type = "s"  # text, never a formula
    return cell


def _sheet_title(title: str) -> str:
    cleaned = "".join(" " if ch in '[]:*?/\\' else ch for ch in title).strip("' ")
    return (cleaned or "Export")[:31]
