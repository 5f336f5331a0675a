"""A small exact evaluator for the formulas the finance workbook writes (no LibreOffice needed).

It understands cell and range references (also 'Sheet'!$A$1), + - * / ^ and parentheses, SUM,
ROUND (half-up, as Excel and LibreOffice round) and SUMPRODUCT(EXACT(range, cell) * range). Numbers
are exact fractions, so it proves the formulas' structure; LibreOffice's own recalculation (the
render tests) proves they hold in binary floating point too.
"""
from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from openpyxl.utils.cell import coordinate_from_string, range_boundaries

_REF = r"(?:'(?P<sheet>(?:[^']|'')+)'!)?\$?(?P<col>[A-Z]{1,3})\$?(?P<row>\d+)"
_RANGE = re.compile(r"(?:'((?:[^']|'')+)'!)?\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)")
_SINGLE = re.compile(_REF)
_LITERAL = re.compile(r"(?<![A-Za-z$\d.'])\d+(?:\.\d+)?(?![\d'])")
_SUMPRODUCT = re.compile(r"SUMPRODUCT\(EXACT\(([^,]+),([^)]+)\)\*([^)]+)\)")


class Evaluator:
    def __init__(self, workbook):
        self.workbook = workbook

    def value(self, sheet: str, coordinate: str) -> Fraction | str:
        raw = self.workbook[sheet][coordinate].value
        if isinstance(raw, str) and raw.startswith("="):
            return self.formula(sheet, raw[1:])
        if raw is None:
            return Fraction(0)
        if isinstance(raw, (int, float)):
            return Fraction(Decimal(repr(raw)))
        return raw

    def _cells(self, sheet: str, text: str) -> list:
        match = _RANGE.fullmatch(text.strip())
        own = (match.group(1) or sheet).replace("''", "'")
        first_col, first_row, last_col, last_row = range_boundaries(
            f"{match.group(2)}{match.group(3)}:{match.group(4)}{match.group(5)}")
        ws = self.workbook[own]
        return [self.value(own, ws.cell(row=r, column=c).coordinate)
                for r in range(first_row, last_row + 1) for c in range(first_col, last_col + 1)]

    def formula(self, sheet: str, text: str) -> Fraction:
        text = _LITERAL.sub(lambda m: f"F('{m.group(0)}')", text)
        def sumproduct(match: re.Match) -> str:
            labels = self._cells(sheet, match.group(1))
            key = self._ref(sheet, match.group(2))
            amounts = self._cells(sheet, match.group(3))
            total = sum((a for label, a in zip(labels, amounts, strict=True) if label == key), Fraction(0))
            return f"F({total.numerator},{total.denominator})"

        text = _SUMPRODUCT.sub(sumproduct, text)

        def sum_range(match: re.Match) -> str:
            total = sum(self._cells(sheet, match.group(0)), Fraction(0))
            return f"F({total.numerator},{total.denominator})"

        text = _RANGE.sub(sum_range, text)

        def single(match: re.Match) -> str:
            value = self._ref(sheet, match.group(0))
            return f"F({value.numerator},{value.denominator})"

        text = _SINGLE.sub(single, text)
        text = text.replace("^", "**").replace("ROUND(", "R(").replace("SUM(", "S(")
        return eval(text, {"F": Fraction, "R": _round, "S": _sum})  # noqa: S307 (the workbook's own formulas)

    def _ref(self, sheet: str, text: str):
        match = _SINGLE.fullmatch(text.strip())
        own = (match.group("sheet") or sheet).replace("''", "'")
        column, row = coordinate_from_string(f"{match.group('col')}{match.group('row')}")
        return self.value(own, f"{column}{row}")


def _round(value: Fraction, places: int) -> Fraction:
    scale = Fraction(10) ** int(places)
    scaled = value * scale
    sign = -1 if scaled < 0 else 1
    return sign * Fraction(int(abs(scaled) + Fraction(1, 2))) / scale


def _sum(*values: Fraction) -> Fraction:
    return sum(values, Fraction(0))


def evaluate(workbook, sheet: str, coordinate: str):
    """The exact value of a cell: an int when whole, else a Fraction (text as it is)."""
    value = Evaluator(workbook).value(sheet, coordinate)
    if isinstance(value, Fraction) and value.denominator == 1:
        return int(value)
    return value
