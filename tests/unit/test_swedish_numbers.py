"""One Swedish number parser: the forms and the Word checker read every number the same way."""
from decimal import Decimal

import pytest

from builder.checkdocx import parse_number
from builder.swedish_numbers import parse_swedish_decimal
from forms.fields import parse_swedish_number

READINGS = [
    ("1 041 600", "1041600"), ("1\u00a0041\u00a0600", "1041600"), ("31\u202f000,50", "31000.50"),
    ("1\u2009041", "1041"), ("0,6", "0.6"), ("31 000,50", "31000.50"), ("1041600", "1041600"),
    ("1.041.600", "1041600"), ("1.041,50", "1041.50"), ("31.000", "31000"), ("1.041", "1041"),
    ("0.125", "0.125"),  # a number never starts with a 0 group: a decimal point
    ("0.6", "0.6"), ("12.50", "12.50"), ("1.5", "1.5"), ("1234.567", "1234.567"), ("1.0000", "1.0000"),
    ("0,125", "0.125"), ("-5 000", "-5000"), ("\u22125 000", "-5000"), ("\u2013 5 000", "-5000"),
]
REFUSED = ["31 00", "1 04 600", "1 041.600", "0 125", "1.041.60", "12.50,5", ",5", "5,", "1,2,3", "1e5", "NaN",
           "Infinity", "1_000", "0x10", "\u0661\u0660\u0660", "\uff11\uff12", "", " ", "-", "1" * 200]


@pytest.mark.parametrize("text, value", READINGS)
def test_every_reading_is_the_same_in_forms_and_checker(text, value):
    assert parse_swedish_decimal(text) == Decimal(value)
    assert parse_swedish_number(text) == (Decimal(value), False)
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", REFUSED)
def test_what_is_no_number_is_refused_by_both(text):
    assert parse_swedish_decimal(text) is None
    assert parse_number(text) is None
    with pytest.raises(ValueError):
        parse_swedish_number(text)


def test_the_forms_accept_the_units_people_type():
    assert parse_swedish_number("40 %") == (Decimal(40), True)
    assert parse_swedish_number("44,53 %") == (Decimal("44.53"), True)
    assert parse_swedish_number("31 000 kr") == (Decimal(31000), False)
    assert parse_swedish_number("5 000:-") == (Decimal(5000), False)


def test_a_point_in_a_table_cell_is_read_by_the_same_rules():
    from builder.checkdocx import check_docx

    from .checkdocx_docs import docx_bytes

    rows = [["", "2017", "2018", "Summa"], ["Andel", "0.125", "0.375", "0.5"], ["Totalt", "0.125", "0.375", "0.5"]]
    (table,) = check_docx(docx_bytes(rows)).tables
    assert table.table.rows[0].cells == {"2017": Decimal("0.125"), "2018": Decimal("0.375")}
    assert table.findings == ()


def test_the_signs_are_babels_swedish_ones():
    from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

    from builder import swedish_numbers

    assert swedish_numbers.DECIMAL_SIGN == get_decimal_symbol("sv_SE")
    assert swedish_numbers.MINUS_SIGN == get_minus_sign_symbol("sv_SE")
    assert get_group_symbol("sv_SE") in swedish_numbers.SPACES


@pytest.mark.parametrize("typed, stored", [("0.125", "0.125"), ("12,5 %", "0.125"), ("0,125", "0.125"),
                                           ("12.5", "0.125"), ("40", "0.4")])
def test_a_rate_field_reads_a_point_as_the_checker_does(typed, stored):
    from werkzeug.datastructures import MultiDict
    from wtforms import Form

    from forms.fields import RateField

    class RateForm(Form):
        rate = RateField(minimum=Decimal(0), maximum=Decimal("1.5"))

    form = RateForm(MultiDict({"rate": typed}))
    assert form.validate(), form.errors
    assert form.rate.decimal == Decimal(stored)  # "0.125" was 125, so 1,25 (125 %) and refused


def test_a_rate_field_refuses_ambiguous_grouping_with_its_message():
    from werkzeug.datastructures import MultiDict
    from wtforms import Form

    from forms.fields import SwedishDecimalField

    class AmountForm(Form):
        amount = SwedishDecimalField()

    form = AmountForm(MultiDict({"amount": "31 00"}))
    assert not form.validate()
    assert "Skriv ett tal" in str(form.amount.errors[0])
