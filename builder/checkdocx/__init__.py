"""Check the budget of a Word application: sums, changes and salary arithmetic (pure, no Flask).

    report = check_docx(data)          # raises DocxError (message(language)) if unreadable
    report.findings, report.to_json(), report_text(report, "sv")
    table_to_baseline(report.tables[0].table, findings=report.tables[0].findings)
"""
from .baseline import table_to_baseline
from .budget_table import ParsedRow, ParsedTable, find_budget_tables, parse_budget_table
from .errors import DocxError, DocxTooLargeError, NotDocxError, UnsafeDocxError
from .findings import KINDS, Finding
from .numbers import CellAmount, parse_amount, parse_number
from .reader import MAX_DOCX_BYTES, read_docx
from .report import CheckReport, TableReport, check_docx, check_tables

__all__ = [
    "KINDS", "MAX_DOCX_BYTES", "CellAmount", "CheckReport", "DocxError", "DocxTooLargeError",
    "Finding", "NotDocxError", "ParsedRow", "ParsedTable", "TableReport", "UnsafeDocxError",
    "check_docx", "check_tables", "find_budget_tables", "finding_text", "parse_amount",
    "parse_budget_table", "parse_number", "read_docx", "report_text", "table_to_baseline",
]


def __getattr__(name: str):
    """finding_text and report_text on first use: they load Babel, which a JSON check does not need."""
    if name in ("finding_text", "report_text"):
        from . import text

        return getattr(text, name)
    raise AttributeError(name)
