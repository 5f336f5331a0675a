"""Recognising budget tables: Word tables and tab-separated paragraphs; others are skipped."""
from decimal import Decimal

import pytest

from builder.checkdocx import check_docx, find_budget_tables, read_docx

from .checkdocx_docs import BUDGET, as_tabs, docx_bytes


def tables_of(*blocks):
    return find_budget_tables(read_docx(docx_bytes(*blocks)))


@pytest.mark.parametrize("block", [BUDGET, as_tabs(BUDGET)], ids=["word", "tabs"])
def test_a_budget_is_recognised_in_both_kinds(block):
    (table,) = tables_of("Budget", block, "Efter tabellen")
    assert table.years == ("2017", "2018", "2019")
    assert table.sum_column == "Summa"
    assert [row.role for row in table.rows] == ["item", "item", "item", "total"]
    assert table.rows[2].cells == {"2017": None, "2018": Decimal("30000"), "2019": Decimal("20000")}
    assert table.rows[3].total == Decimal("470000")
    assert table.before == ("Budget",) and table.after == ("Efter tabellen",)
    assert table.source == ("word" if isinstance(block, list) else "tabs")


@pytest.mark.parametrize("rows", [
    [["Namn", "Roll", "Telefon"], ["Anna", "Projektledare", "044-13 50 00"]],
    [["Risk", "Sannolikhet", "Konsekvens"], ["Bemanning", "2", "3"]],
    [["", "2017", "2018"], ["Aktivitet", "Start", "Uppföljning"]],  # years but no amounts
    [["", "2019", "2017"], ["A", "1", "2"]],  # years out of order
    [["2017", "2018", "2019"], ["1", "2", "3"]],  # no label column
], ids=["contacts", "risks", "no-amounts", "unordered", "no-labels"])
def test_tables_that_are_not_budgets_are_skipped(rows):
    assert tables_of(rows) == []
    assert check_docx(docx_bytes(rows)).tables == ()


def test_indented_paragraphs_are_not_a_table_and_stay_context():
    prose = ["\tI kommunen finns ett antal familjer med en komplex situation.",
             "\tDärför kartläggs familjens hela situation."]
    tables = tables_of(*prose, as_tabs(BUDGET))
    assert len(tables) == 1
    assert tables[0].before == tuple(prose)


def test_tables_are_numbered_among_the_documents_tables():
    contacts = [["Namn", "Roll"], ["Anna", "Projektledare"]]
    tables = tables_of(contacts, as_tabs(BUDGET), BUDGET)
    assert [t.index for t in tables] == [2, 3]


def test_a_typed_header_without_the_leading_tab():
    rows = ["2017\t2018\tSumma", "Kommunen\t1 000\t2 000\t3 000", "Totalt\t1 000\t2 000\t3 000"]
    (table,) = tables_of("\n".join(rows))
    assert table.years == ("2017", "2018")
    assert table.rows[0].total == Decimal("3000")


def test_a_short_typed_row_is_aligned_to_the_sum_column():
    rows = ["\t2017\t2018\t2019\tSumma", "Kommunen\t\t2 000\t3 000\t5 000", "Totalt\t\t2 000\t3 000\t5 000"]
    (table,) = tables_of("\n".join(rows))
    assert table.rows[0].cells == {"2017": None, "2018": Decimal("2000"), "2019": Decimal("3000")}
    assert check_docx(docx_bytes("\n".join(rows))).findings == []


def test_a_short_typed_row_that_does_not_add_up_when_right_aligned_is_not_checked():
    rows = ["\t2017\t2018\t2019\tSumma", "Kommunen\t2 000\t3 000\t5 000\t10 000",
            "Utvärdering\t1 000\t2 000", "Totalt\t3 000\t5 000\t5 000\t13 000"]
    (table,) = tables_of("\n".join(rows))
    assert table.rows[1].unreadable == ("2017", "2018", "2019", "total")
    assert check_docx(docx_bytes("\n".join(rows))).findings == []


@pytest.mark.parametrize("header", ["År 2017", "2017:", "2017*", "2017 (jun–dec)"])
def test_year_headers_in_other_forms(header):
    rows = [["", header, "2018", "Totalt:"], ["A", "1", "2", "3"], ["Summa", "1", "2", "3"]]
    (table,) = tables_of(rows)
    assert table.years == ("2017", "2018") and table.sum_column == "Totalt"


def test_one_year_with_a_sum_column_is_a_budget():
    (table,) = tables_of([["Kostnad", "2018", "Summa"], ["Lön", "5 000", "5 000"]])
    assert table.years == ("2018",)


def test_roles_varav_percent_and_headings():
    rows = [["", "2017", "2018", "Summa"],
            ["Personal", "", "", ""],
            ["Lön", "1 000", "2 000", "3 000"],
            ["varav FINSAM", "500", "1 000", "1 500"],
            ["Andel", "50 %", "50 %", "50 %"],
            ["Totalt", "1 000", "2 000", "3 000"]]
    (table,) = tables_of(rows)
    assert [r.role for r in table.rows] == ["note", "item", "part", "note", "total"]
    assert check_docx(docx_bytes(rows)).findings == []


def test_text_in_an_amount_cell_is_unreadable_not_zero():
    rows = [["", "2017", "2018", "Summa"], ["Lokal", "ingår", "1 000", "1 000"],
            ["Lön", "1 000", "1 000", "2 000"], ["Totalt", "5 000", "2 000", "3 000"]]
    (table,) = tables_of(rows)
    assert table.rows[0].unreadable == ("2017",)
    # 2017's column and the Lokal row cannot be added up; 2018 and the totals still are.
    kinds = [(f.kind, f.row, f.column) for f in check_docx(docx_bytes(rows)).findings]
    assert kinds == [("grand_total_by_years", "Totalt", "Summa")]


def test_a_last_row_without_a_label_is_the_total():
    rows = [["", "2017", "2018"], ["A", "1", "2"], ["B", "3", "4"], ["", "4", "6"]]
    (table,) = tables_of(rows)
    assert table.rows[-1].role == "total"
