"""Sum checks, stated changes and budget-change sentences, in Word tables and typed tables."""
import copy
from decimal import Decimal

import pytest

from builder.checkdocx import check_docx

from .checkdocx_docs import BUDGET, as_tabs, docx_bytes

KINDS = ["word", "tabs"]


def block(rows, kind):
    return rows if kind == "word" else as_tabs(rows)


def findings(*blocks):
    return [(f.kind, f.row, f.column, f.stated, f.expected, f.difference)
            for f in check_docx(docx_bytes(*blocks)).findings]


def edited(rows, row, column, text):
    rows = copy.deepcopy(rows)
    rows[row][column] = text
    return rows


def d(value):
    return Decimal(value)


@pytest.mark.parametrize("kind", KINDS)
def test_a_correct_table_has_no_findings(kind):
    assert findings("Budget", block(BUDGET, kind)) == []


FORMS = {
    "spaces": lambda n: f"{n:,}".replace(",", " "),
    "no-break": lambda n: f"{n:,}".replace(",", "\u00a0"),
    "thin": lambda n: f"{n:,}".replace(",", "\u2009"),
    "kr": lambda n: f"{n:,} kr".replace(",", " "),
    "dots": lambda n: f"{n:,}".replace(",", "."),
    "colon-dash": lambda n: f"{n}:-",
    "plain": lambda n: str(n),
}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_number_form_adds_up(kind, form):
    write = FORMS[form]
    amounts = [[1041600, 20000, 1061600], [127680, 5000, 132680], [1169280, 25000, 1194280]]
    rows = [["", "2017", "2018", "Summa"]] + [
        [label, *map(write, values)] for label, values in zip(["Kommunen", "Regionen", "Totalt"], amounts, strict=True)]
    assert findings(block(rows, kind)) == []
    wrong = edited(rows, 1, 1, write(1041700))
    assert findings(block(wrong, kind)) == [
        ("cell", "Kommunen", "2017", d(1041700), d(1041600), d(100))]


@pytest.mark.parametrize("minus", ["-", "\u2212"])
@pytest.mark.parametrize("kind", KINDS)
def test_negative_amounts(kind, minus):
    rows = [["", "2017", "2018", "Summa"], ["Lön", "10 000", "20 000", "30 000"],
            ["Avgår medfinansiering", f"{minus}2 000", f"{minus}4 000", f"{minus}6 000"],
            ["Totalt", "8 000", "16 000", "24 000"]]
    assert findings(block(rows, kind)) == []
    assert findings(block(edited(rows, 3, 3, "30 000"), kind)) == [
        ("cell", "Totalt", "Summa", d(30000), d(24000), d(6000))]


@pytest.mark.parametrize("kind", KINDS)
def test_a_wrong_cell_is_one_finding_where_row_and_column_sums_meet(kind):
    rows = edited(BUDGET, 2, 2, "41 000")  # Regionen 2018
    assert findings(block(rows, kind)) == [("cell", "Regionen", "2018", d(41000), d(40000), d(1000))]


@pytest.mark.parametrize("kind", KINDS)
def test_a_wrong_row_total_is_one_finding_in_the_sum_column(kind):
    rows = edited(BUDGET, 1, 4, "351 000")
    assert findings(block(rows, kind)) == [("cell", "Kommunen", "Summa", d(351000), d(350000), d(1000))]


@pytest.mark.parametrize("kind", KINDS)
def test_a_wrong_yearly_total_is_one_finding_in_the_total_row(kind):
    rows = edited(BUDGET, 4, 2, "260 000")
    assert findings(block(rows, kind)) == [("cell", "Totalt", "2018", d(260000), d(270000), d(-10000))]


@pytest.mark.parametrize("kind", KINDS)
def test_a_wrong_grand_total(kind):
    rows = edited(BUDGET, 4, 4, "480 000")
    assert findings(block(rows, kind)) == [("cell", "Totalt", "Summa", d(480000), d(470000), d(10000))]


def test_row_sum_alone_without_a_total_row():
    rows = [r for r in edited(BUDGET, 1, 4, "351 000") if r[0] != "Totalt"]
    assert findings(rows) == [("row_sum", "Kommunen", "Summa", d(351000), d(350000), d(1000))]


def test_column_sum_alone_without_a_sum_column():
    rows = [r[:4] for r in edited(BUDGET, 4, 1, "121 000")]
    assert findings(rows) == [("column_sum", "Totalt", "2017", d(121000), d(120000), d(1000))]


def test_grand_total_both_ways_when_both_disagree_differently():
    rows = edited(edited(BUDGET, 4, 4, "480 000"), 1, 4, "355 000")
    assert [f[0] for f in findings(rows)] == ["row_sum", "grand_total_by_years", "grand_total_by_rows"]


def test_two_wrong_cells_in_different_rows_and_columns_are_both_found():
    rows = edited(edited(BUDGET, 1, 1, "101 000"), 2, 3, "12 000")
    assert findings(rows) == [("cell", "Kommunen", "2017", d(101000), d(100000), d(1000)),
                              ("cell", "Regionen", "2019", d(12000), d(10000), d(2000))]


def test_ambiguous_errors_are_not_pinned_on_one_cell():
    rows = edited(edited(BUDGET, 1, 1, "101 000"), 2, 2, "41 000")  # same difference twice
    kinds = sorted(f[0] for f in findings(rows))
    assert kinds == ["column_sum", "column_sum", "row_sum", "row_sum"]


def test_subtotals_and_a_grand_total():
    rows = [["", "2017", "2018", "Summa"],
            ["Lön", "100", "200", "300"], ["Resor", "10", "20", "30"],
            ["Summa personal", "110", "220", "330"],
            ["Lokaler", "50", "50", "100"],
            ["Summa övrigt", "50", "50", "100"],
            ["Totalt", "160", "270", "430"]]
    assert findings(rows) == []
    assert findings(edited(rows, 5, 1, "55")) == [
        ("cell", "Summa övrigt", "2017", d(55), d(50), d(5))]


# Stated changes against an earlier table in the same document.

ORIGINAL = [["", "2017", "2018", "Summa"], ["Kommunen", "100 000", "200 000", "300 000"],
            ["Regionen", "50 000", "50 000", "100 000"], ["Totalt", "150 000", "250 000", "400 000"]]
EXTENDED = [["", "2017", "2018", "Summa"],
            ["Kommunen", "150 000", "250 000", "400 000 (ökning med 100 000 kr)"],
            ["Vårdcentralen", "10 000", "20 000", "30 000"],
            ["Totalt", "160 000", "270 000", "430 000"]]
CHANGE = "Utökningen innebär en höjning av budgeten med 130 000 kr jämfört med den ursprungliga budgeten."


@pytest.mark.parametrize("kind", KINDS)
def test_correct_changes_have_no_findings(kind):
    assert findings(block(ORIGINAL, kind), "Utökning", block(EXTENDED, kind), CHANGE) == []


def test_a_wrong_stated_row_change():
    extended = edited(EXTENDED, 1, 3, "400 000 (ökning med 110 000 kr)")
    assert findings(ORIGINAL, extended, CHANGE) == [
        ("delta", "Kommunen", "Summa", d(110000), d(100000), d(10000))]


def test_a_decrease_is_negative():
    extended = edited(EXTENDED, 1, 3, "400 000 (minskning med 100 000 kr)")
    assert findings(ORIGINAL, extended, CHANGE) == [
        ("delta", "Kommunen", "Summa", d(-100000), d(100000), d(-200000))]


def test_a_change_with_no_earlier_row_is_not_checked():
    extended = edited(EXTENDED, 2, 3, "30 000 (ökning med 5 kr)")
    assert findings(ORIGINAL, extended, CHANGE) == []


def test_a_wrong_budget_change_sentence():
    wrong = CHANGE.replace("130 000", "120 000")
    (finding,) = check_docx(docx_bytes(ORIGINAL, EXTENDED, wrong)).findings
    assert (finding.kind, finding.stated, finding.expected) == ("budget_change", d(120000), d(130000))
    assert finding.context == wrong


def test_the_change_of_the_grand_total_is_accepted_too():
    # A full new budget: every row again, the change is the grand total's.
    full = [["", "2017", "2018", "Summa"], ["Kommunen", "150 000", "250 000", "400 000"],
            ["Regionen", "50 000", "50 000", "100 000"], ["Totalt", "200 000", "300 000", "500 000"]]
    assert findings(ORIGINAL, full, CHANGE.replace("130 000", "100 000")) == []


def test_a_stated_decrease_of_the_budget():
    smaller = [["", "2017", "2018", "Summa"], ["Kommunen", "50 000", "200 000", "250 000"],
               ["Totalt", "50 000", "200 000", "250 000"]]
    text = "Ändringen innebär en minskning av den totala kostnaden med 50 000 kr."
    assert findings(ORIGINAL, smaller, text) == []
    assert [f[0] for f in findings(ORIGINAL, smaller, text.replace("minskning", "ökning"))] == ["budget_change"]


@pytest.mark.parametrize("text", [
    "Lönen höjs med 2 000 kr/mån från juni.",  # a salary, not the budget
    "Projektledarens lön ökar med 2 000 kr per månad.",
    "Deltagarna ökar med 30 personer.",
    "Lokalkostnaden ökar med 20 000 kr jämfört med den ursprungliga budgeten.",
    "Kostnaden för resor höjs med 5 000 kr.",
])
def test_other_increases_are_not_budget_changes(text):
    assert findings(ORIGINAL, EXTENDED, text) == []


def test_no_earlier_table_no_change_check():
    assert findings(EXTENDED, CHANGE.replace("130 000", "1 kr")) == []
