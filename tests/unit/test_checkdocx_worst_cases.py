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
