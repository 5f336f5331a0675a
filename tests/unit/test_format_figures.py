"""One rounding rule (half-up to whole kronor) and one formatting module for every output."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.budget import round_half_up, round_kr
from builder.checkdocx import Finding, finding_text
from builder.formatting import kr, money, months, number, plain_spaces

NBSP = "\u00a0"


@pytest.mark.parametrize("amount, text", [
    ("37504.5", "37 505"), ("37503.5", "37 504"), ("-2.5", "-3"), ("0.5", "1"), ("1041600", "1 041 600"),
])
def test_number_and_kr_round_half_up_not_half_even(amount, text):
    assert plain_spaces(number(Decimal(amount))) == text
    assert plain_spaces(kr(Decimal(amount))) == text + " kr"


@pytest.mark.parametrize("amount, text", [
    ("22774.375", "22 774,38 kr"), ("18752.25", "18 752,25 kr"), ("37504.50", "37 504,50 kr"),
    ("31000", "31 000 kr"), ("0.005", "0,01 kr"),
])
def test_money_shows_ore_when_not_whole(amount, text):
    assert plain_spaces(money(Decimal(amount))) == text


def test_months():
    assert months(Fraction(9, 2)) == "4,5" and months(12) == "12"
    assert months(Fraction(142, 31)) == "4,5806"
    assert months(Fraction(142, 31), monthly_cost=Decimal("22774.375")) == "4,580645"


@given(st.integers(-10**9, 10**9))
def test_one_rounding_rule(n):
    """round_kr, formatting and round_half_up agree: x.5 goes away from zero."""
    value = Decimal(n).scaleb(-3)
    assert round_kr(value) == int(round_half_up(value, 0))
    assert plain_spaces(number(value)).replace(" ", "").replace("\u2212", "-") == str(round_kr(value))


def test_checker_messages_format_ore():
    text = finding_text(Finding("fte_share", 1, "A", None, Decimal("22775.5"), Decimal("22774")))
    assert plain_spaces(text) == ("A: tjänstgöringsgraden gånger heltidskostnaden ger 22 774 kr, inte 22 775,50 kr "
                                  "(skillnad +1,50 kr).")
