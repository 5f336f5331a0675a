"""Hostile documents cost the checker little CPU: every slow path found in review, bounded.

Each case failed before its fix (30–100 s of CPU, growing with the square of the input). The tests assert
how the cost grows (an input eight times larger may cost at most about eight times more, with room for
noise; a quadratic path costs 64 times more), not a number of seconds, so a busy machine does not fail them.
The seconds themselves are measured by bench/checkdocx_worst.py.
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


GROWTH = 8  # the large input is this many times the small one
LINEAR_ENOUGH = 24  # linear is 8, quadratic 64: between the two leaves room for a noisy machine
NEGLIGIBLE = 0.25  # seconds of CPU under which the large input passes whatever the ratio


def assert_linear(function, make_input, size):
    """function(make_input(size)) costs at most about GROWTH times function(make_input(size // GROWTH))."""
    small_input, large_input = make_input(size // GROWTH), make_input(size)
    small = min(cpu_seconds(function, small_input)[0] for _ in range(3))
    large, result = cpu_seconds(function, large_input)
    assert large < NEGLIGIBLE or large <= LINEAR_ENOUGH * max(small, 0.001), (small, large)
    return result


@pytest.mark.parametrize("cell", ["1" + "*" * 64_000 + "x", "1" + " " * 64_000 + "x",
                                  "1 (ökning med " + "(" * 64_000, "1" + " *" * 32_000 + "x"])
def test_a_long_cell_is_no_amount_and_costs_nothing(cell):
    seconds, amount = cpu_seconds(parse_amount, cell)
    assert amount is None
    assert seconds < 0.5  # refused by its length before any pattern runs (it took seconds before the fix)


def test_the_star_cell_in_a_word_table_is_answered_fast():
    def document(stars):
        return docx_bytes([["", "2017", "2018", "Summa"], ["Kommunen", "1" + "*" * stars + "x", "2", "3"],
                           ["Totalt", "1", "2", "3"]])

    report = assert_linear(check_docx, document, 64_000)
    assert report.tables and report.tables[0].table.rows[0].unreadable == ("2017",)


def test_eight_thousand_fee_statements_are_matched_in_linear_time():
    def statements(count):
        return [f"{31_000 + i} kr/mån x sociala avgifter = {43_400 + i} kr/mån" for i in range(count)]

    rate = assert_linear(document_rate, statements, 8_000)
    assert rate is None  # 8 000 different rates, no majority


def test_fee_statements_that_agree_still_give_their_rate_among_many():
    def statements(count):
        return [f"{10_000 + 100 * i} kr/mån x sociala avgifter = {14_000 + 140 * i} kr/mån" for i in range(count)]

    rate = assert_linear(document_rate, statements, 3_000)
    assert str(rate) == "1.4"


def test_a_typed_row_of_160_000_cells_is_aligned_in_linear_time():
    def typed_row(cells):
        row = ("Kommunen",) + ("ord",) * cells + ("1", "2", "3")
        return RawTable((("", "2017", "2018", "Summa"), row, ("Totalt", "1", "2", "3")), "tabs")

    table = assert_linear(parse_budget_table, typed_row, 160_000)
    assert table is not None and table.rows[-1].role == "total"


def body_xml(body: str) -> bytes:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{body}</w:body></w:document>'.encode()


@pytest.mark.parametrize("body, reason", [
    ("<w:p/>" * 50_001, "too_many_paragraphs"),
    ("<w:p><w:r>" + "<w:br/>" * 50_001 + "</w:r></w:p>", "too_many_paragraphs"),
    ("<w:tbl><w:tr>" + "<w:tc/>" * 50_001 + "</w:tr></w:tbl>", "too_many_paragraphs"),
    ("<w:tbl/>" * 501, "too_many_tables"),
])
def test_more_than_an_application_holds_is_refused_with_a_message(body, reason):
    from builder.checkdocx import DocxTooLargeError

    from .checkdocx_docs import replace_document_xml

    with pytest.raises(DocxTooLargeError) as caught:
        check_docx(replace_document_xml(docx_bytes("x"), body_xml(body)))
    assert caught.value.reason == reason
    assert "far more than an application" in caught.value.message("en")
    assert "långt mer än en ansökan" in caught.value.message("sv")


def test_a_long_paragraph_is_read_in_pieces_at_sentence_ends():
    from builder.checkdocx.reader import MAX_PARAGRAPH_CHARS, pieces

    sentence = "Lönen är 31 000 kr/mån x sociala avgifter = 43 400 kr/mån. "
    text = sentence * 200
    parts = pieces(text)
    assert "".join(parts) == text
    assert all(len(part) <= MAX_PARAGRAPH_CHARS for part in parts)
    assert all(part.endswith(". ") or part.endswith(".") for part in parts[:-1])
    assert pieces("x" * 5_000) == ["x" * 2_000, "x" * 2_000, "x" * 1_000]
