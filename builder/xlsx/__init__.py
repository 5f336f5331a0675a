"""Spreadsheet exports for the association's finance staff: pure writers returning bytes/text.

`budget_workbook` builds the XLSX workbook (sheets Budget, Personal, Jämförelse) from an
`Application`.
No Flask or database import: the routes pass plain values and send what comes back.
"""
from .workbook import budget_workbook

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

__all__ = ["XLSX_MIMETYPE", "budget_workbook"]
