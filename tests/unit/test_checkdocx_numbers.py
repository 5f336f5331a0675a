"""Swedish amounts as people type them."""
from decimal import Decimal

import pytest

from builder.checkdocx.numbers import (
    CellAmount,
    is_blank,
    parse_amount,
    parse_number,
    parse_percent,
    plain_amount,
)


@pytest.mark.parametrize("text, value", [
    ("1 041 600", "1041600"),
    ("1\u00a0041\u00a0600", "1041600"),  # no-break spaces
    ("1\u2009041\u2009600", "1041600"),  # thin spaces
    ("1\u202f041\u202f600", "1041600"),  # narrow no-break spaces
    ("1 041 600 kr", "1041600"),
    ("1 041 600 kr.", "1041600"),
    ("1 041 600 kronor", "1041600"),
    ("1.041.600", "1041600"),
    ("1.041.600 kr", "1041600"),
    ("1041600:-", "1041600"),
    ("1 041 600:-", "1041600"),
    ("5000", "5000"),
    ("5 000 SEK", "5000"),
    ("kr 5 000", "5000"),
    ("ca 50 000", "50000"),
    ("1 041 600,50", "1041600.50"),
    ("0,2", "0.2"),
    ("12.50", "12.50"),
    ("1 041,6 tkr", "1041600.0"),
    ("95 760*", "95760"),
    ("-5 000", "-5000"),
    ("- 5 000 kr", "-5000"),
    ("\u22125 000", "-5000"),  # U+2212 minus sign
    ("\u2013 5 000", "-5000"),  # the en dash Word makes of " - "
])
def test_every_written_form_reads_as_the_same_decimal(text, value):
    assert parse_amount(text) == CellAmount(Decimal(value))


@pytest.mark.parametrize("text, value, delta", [
    ("4 260 480 (ökning med 1 135 680 kr)", "4260480", "1135680"),
    ("4\u00a0260\u00a0480 (ökning med 1\u00a0135\u00a0680 kr)", "4260480", "1135680"),
    ("3 124 800 (minskning med 1 000 kr)", "3124800", "-1000"),
    ("3 124 800 (höjning med 1 000)", "3124800", "1000"),
    ("3 124 800 (sänkning med 1 000 kr)", "3124800", "-1000"),
    ("1 000 (+2 000)", "1000", "2000"),
    ("1 000 (\u22122 000 kr)", "1000", "-2000"),
])
def test_a_parenthesised_change_is_read_with_its_sign(text, value, delta):
    assert parse_amount(text) == CellAmount(Decimal(value), Decimal(delta))


@pytest.mark.parametrize("text", [
    "Summa:", "Kristianstads kommun", "31 000 kr/mån", "(1 000)", "1 000 (ökning)", "1,2,3",
    "2015 2016", "40 %", "1 000 000 000 x",
])
def test_text_that_is_not_one_amount_is_not_read(text):
    assert parse_amount(text) is None


def test_parse_number_refuses_a_change_and_reads_a_bare_number():
    assert parse_number("0,6") == Decimal("0.6")
    assert parse_number("1 000 (ökning med 5 kr)") is None


@pytest.mark.parametrize("text", ["", " ", "-", "–", "—", "\u2212"])
def test_blank_cells(text):
    assert is_blank(text)
    assert parse_amount(text) is None


def test_percent():
    assert parse_percent("40 %") == Decimal("0.4")
    assert parse_percent("31,42\u00a0%") == Decimal("0.3142")
    assert parse_percent("40") is None


@pytest.mark.parametrize("value, text", [
    (Decimal("781200"), "781200"), (Decimal("781200.00"), "781200"), (Decimal("-1000"), "-1000"),
    (Decimal("1041600.50"), "1041600.5"), (Decimal("1E+3"), "1000"),
])
def test_plain_amount_is_whole_kronor_or_decimal_text(value, text):
    assert plain_amount(value) == text
