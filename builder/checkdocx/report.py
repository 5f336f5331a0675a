"""The check of a whole document: read, find the budget tables, check each, report."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .budget_table import ParsedRow, ParsedTable, find_budget_tables
from .deltas import change_column_findings, change_findings, delta_findings
from .findings import Finding
from .numbers import plain_amount
from .period import months_findings, period_findings
from .reader import Paragraph, read_docx
from .salary import document_rate, salary_findings
from .sums import sum_findings

# The salary and period checks read the paragraphs around the tables up to this many characters
# in all (an application's budget narrative is a few kilobytes); it bounds the work on any file.
MAX_NARRATIVE_CHARS = 600_000


@dataclass(frozen=True)
class TableReport:
    """One budget table and what was found in it and in the paragraphs about it."""

    table: ParsedTable
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class CheckReport:
    """Every budget table of a document with its findings."""

    tables: tuple[TableReport, ...]

    @property
    def findings(self) -> list[Finding]:
        return [finding for report in self.tables for finding in report.findings]

    def to_json(self) -> dict:
        """The `check-docx --json` shape: {"tables": [{"index", "years", "rows", "findings", …}]}."""
        return {"tables": [table_to_json(report) for report in self.tables],
                "finding_count": len(self.findings)}


def check_docx(data: bytes) -> CheckReport:
    """Check every budget table of a DOCX; raises a DocxError when the file cannot be read."""
    content = read_docx(data)
    paragraphs = [block.text for block in content.blocks if isinstance(block, Paragraph)]
    return check_tables(find_budget_tables(content), document_rate(paragraphs))


def check_tables(tables: list[ParsedTable], rate: Decimal | None = None) -> CheckReport:
    """Sum, change, salary and period checks of recognised tables, in document order."""
    reports = []
    narrative_left = MAX_NARRATIVE_CHARS
    for i, table in enumerate(tables):
        last = i == len(tables) - 1
        paragraphs = [*table.before, *(table.after if last else ())]
        narrative_left -= sum(len(p) for p in paragraphs)
        salary, blocks = salary_findings(paragraphs, table.index, rate) if narrative_left >= 0 else ([], {})
        findings = (sum_findings(table) + delta_findings(table, tables[:i]) + change_column_findings(table, tables[:i])
                    + change_findings(table, tables[:i]) + salary + period_findings(table, blocks)
                    + months_findings(table, blocks))
        # Findings in a row first, by row; then the narrative ones in reading order.
        findings.sort(key=lambda f: (f.row_index is None, f.row_index or 0))
        reports.append(TableReport(table, tuple(findings)))
    return CheckReport(tuple(reports))


def _text(value: Decimal | None) -> str | None:
    return None if value is None else plain_amount(value)


def row_to_json(row: ParsedRow) -> dict:
    """{"label", "role", "cells": {year: amount or null}, "total", "delta", "delta_column"}."""
    return {"label": row.label, "role": row.role,
            "cells": {year: _text(value) for year, value in row.cells.items()},
            "total": _text(row.total), "delta": _text(row.delta), "delta_column": row.delta_column,
            "unreadable": list(row.unreadable), "change": _text(row.change)}


def finding_to_json(finding: Finding) -> dict:
    """{"kind", "table", "row", "row_index", "column", "stated", "expected", "difference", "context"}."""
    return {"kind": finding.kind, "table": finding.table, "row": finding.row,
            "row_index": finding.row_index, "column": finding.column,
            "stated": plain_amount(finding.stated), "expected": plain_amount(finding.expected),
            "difference": plain_amount(finding.difference), "context": finding.context, "unit": finding.unit}


def table_to_json(report: TableReport) -> dict:
    """One table: where it is, its years and sum column, its rows and its findings."""
    table = report.table
    return {"index": table.index, "source": table.source, "unit": table.unit, "years": list(table.years),
            "sum_column": table.sum_column, "change_column": table.change_column,
            "rows": [row_to_json(row) for row in table.rows],
            "findings": [finding_to_json(finding) for finding in report.findings]}
