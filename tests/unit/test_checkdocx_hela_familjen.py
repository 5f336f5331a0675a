"""The real Hela Familjen application: its one typo is found, and nothing else."""
from decimal import Decimal

import pytest

from builder.budget import Budget, OtherCost, compute_budget
from builder.checkdocx import check_docx, report_text, table_to_baseline

from .checkdocx_docs import (
    docx_bytes,
    hela_familjen_docx,
    hela_familjen_lines,
    hela_familjen_word_tables,
)

TYPO = ("cell", 1, "Kristianstads kommun", "2018", Decimal(780200), Decimal(781200), Decimal(-1000))


def summary(report):
    return [(f.kind, f.table, f.row, f.column, f.stated, f.expected, f.difference) for f in report.findings]


def test_the_budget_part_has_exactly_the_known_typo():
    assert summary(check_docx(hela_familjen_docx())) == [TYPO]


def test_the_whole_application_has_exactly_the_known_typo():
    assert summary(check_docx(docx_bytes(*hela_familjen_lines(None, None)))) == [TYPO]


def test_the_same_tables_as_word_tables():
    report = check_docx(hela_familjen_word_tables())
    assert [t.table.source for t in report.tables] == ["word", "word"]
    assert summary(report) == [TYPO]


def test_with_the_typo_corrected_there_are_no_findings():
    report = check_docx(hela_familjen_docx({"\t780 200\t": "\t781 200\t"}))
    assert report.findings == []
    assert len(report.tables) == 2


def test_the_extension_table_is_read_with_its_stated_change():
    extension = check_docx(hela_familjen_docx()).tables[1]
    assert extension.findings == ()
    assert extension.table.years == ("2017", "2018", "2019")
    kommun = extension.table.rows[0]
    assert (kommun.total, kommun.delta, kommun.delta_column) == (Decimal(4260480), Decimal(1135680), "total")


@pytest.mark.parametrize("old, new, kind", [
    ("(ökning med 1 135 680 kr)", "(ökning med 1 136 680 kr)", "delta"),
    ("med 1 601 327 kr", "med 1 610 327 kr", "budget_change"),
    ("= 55 090 kr/mån", "= 55 190 kr/mån", "social_fees"),
    ("månadslönen 11 018 kr/mån", "månadslönen 11 118 kr/mån", "fte_share"),
    ("och 537 600 kr/år", "och 573 600 kr/år", "yearly"),
])
def test_a_changed_figure_in_the_narrative_is_found(old, new, kind):
    kinds = [f.kind for f in check_docx(hela_familjen_docx({old: new})).findings]
    assert kinds == ["cell", kind]


def test_json_shape():
    data = check_docx(hela_familjen_docx()).to_json()
    assert data["finding_count"] == 1
    first, second = data["tables"]
    assert set(first) == {"index", "source", "unit", "years", "sum_column", "change_column", "rows", "findings"}
    assert first["unit"] == "kr"
    assert first["years"] == ["2015", "2016", "2017", "2018"]
    assert first["rows"][0] == {
        "label": "Kristianstads kommun", "role": "item",
        "cells": {"2015": "260400", "2016": "1041600", "2017": "1041600", "2018": "780200"},
        "total": "3124800", "delta": None, "delta_column": None, "unreadable": [], "change": None}
    assert first["findings"] == [{
        "kind": "cell", "table": 1, "row": "Kristianstads kommun", "row_index": 0, "column": "2018",
        "stated": "780200", "expected": "781200", "difference": "-1000", "context": None,
        "unit": "kr"}]
    assert second["rows"][0]["delta"] == "1135680" and second["findings"] == []


def test_text_report_in_swedish_and_english():
    report = check_docx(hela_familjen_docx())
    swedish = report_text(report)
    assert "Kristianstads kommun, 2018: står 780 200 kr men både radsumman och kolumnsumman ger 781 200 kr" in swedish
    assert "Avvikelser: 1 i 2 budgettabeller." in swedish
    assert "both the row sum and the column sum give 781,200" in report_text(report, "en")


def test_the_original_table_as_a_baseline_gives_the_stated_changes():
    report = check_docx(hela_familjen_docx())
    original, extension = report.tables
    baseline = table_to_baseline(original.table, "Ursprunglig budget", original.findings)
    assert [row.label for row in baseline.rows] == [
        "Kristianstads kommun", "Näsby vårdcentral", "Workshops + kompetensutveckling", "Utvärdering"]
    assert baseline.rows[0].yearly["2018"] == Decimal(781200)  # the typo corrected
    other = tuple(OtherCost(row.label, {y: v for y, v in row.cells.items() if v is not None})
                  for row in extension.table.rows if row.role == "item")
    table = compute_budget(Budget(other_costs=other, baseline=baseline))
    assert [row.delta for row in table.rows] == [1135680, 236887, 228760]
    assert table.delta == 1601327


def test_a_baseline_keeps_the_written_figures_without_findings():
    original = check_docx(hela_familjen_docx()).tables[0]
    assert table_to_baseline(original.table).rows[0].yearly["2018"] == Decimal(780200)
