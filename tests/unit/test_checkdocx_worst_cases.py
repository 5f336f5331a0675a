"""Hostile documents cost the checker little CPU: every slow path found in review, bounded.

Each case failed before its fix (30–100 s of CPU, growing with the square of the input).
"""
import time

import pytest

from builder.checkdocx import check_docx, parse_amount
from builder.checkdocx.budget_table import parse_budget_table
from builder.checkdocx.reader import RawTable
from builder.checkdocx.salary import document_rate

from .checkdocx_docs import docx_bytes


def cpu_seconds(function, *args):
    start = time.process_time()
    result = function(*args)
    return time.process_time() - start, result


@pytest.mark.parametrize("cell", ["1" + "*" * 64_000 + "x", "1" + " " * 64_000 + "x",
                                  "1 (ökning med " + "(" * 64_000, "1" + " *" * 32_000 + "x"])
def test_a_long_cell_is_no_amount_and_costs_nothing(cell):
    seconds, amount = cpu_seconds(parse_amount, cell)
    assert amount is None
    assert seconds < 0.05


def test_the_star_cell_in_a_word_table_is_answered_fast():
    rows = [["", "2017", "2018", "Summa"], ["Kommunen", "1" + "*" * 64_000 + "x", "2", "3"],
            ["Totalt", "1", "2", "3"]]
    seconds, report = cpu_seconds(check_docx, docx_bytes(rows))
    assert seconds < 1
    assert report.tables and report.tables[0].table.rows[0].unreadable == ("2017",)


def test_eight_thousand_fee_statements_are_matched_in_linear_time():
    paragraphs = [f"{31_000 + i} kr/mån x sociala avgifter = {43_400 + i} kr/mån" for i in range(8_000)]
    seconds, rate = cpu_seconds(document_rate, paragraphs)
    assert rate is None  # 8 000 different rates, no majority
    assert seconds < 2


def test_fee_statements_that_agree_still_give_their_rate_among_many():
    paragraphs = [f"{10_000 + 100 * i} kr/mån x sociala avgifter = {14_000 + 140 * i} kr/mån" for i in range(3_000)]
    seconds, rate = cpu_seconds(document_rate, paragraphs)
    assert str(rate) == "1.4"
    assert seconds < 2


def test_a_typed_row_of_160_000_cells_is_aligned_in_linear_time():
    header = ("", "2017", "2018", "Summa")
    row = ("Kommunen",) + ("ord",) * 160_000 + ("1", "2", "3")
    raw = RawTable((header, row, ("Totalt", "1", "2", "3")), "tabs")
    seconds, table = cpu_seconds(parse_budget_table, raw)
    assert seconds < 1
    assert table is not None and table.rows[-1].role == "total"
