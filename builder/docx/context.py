"""What every part of the writer needs: the application, its computed budget, the language."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from babel.lists import format_list

from builder import formatting
from builder.appformat import Application
from builder.budget import BudgetTable, EffectResult, round_kr
from builder.formatting import babel_locale, decimal, long_date, number, percent, whole_kronor, whole_number

from .tables import Column, TableRow, build_table
from .xmlkit import paragraph, parse_blocks

# Babel parses its pattern on every call; the few distinct rates, shares and dates repeat a lot.
_decimal = lru_cache(maxsize=4096)(decimal)
_percent = lru_cache(maxsize=1024)(percent)
_long_date = lru_cache(maxsize=1024)(long_date)


@dataclass
class Context:
    """The application, its engine results and the body being written."""

    app: Application
    gettext: Callable[..., str]
    table: BudgetTable
    effects: list[EffectResult]
    today: date
    draft: bool = False
    blocks: list[str] = field(default_factory=list)  # the body as XML text, parsed once at the end

    @property
    def language(self) -> str:
        return self.app.language

    def add(self, block: str) -> None:
        """Append a block (a w:p or w:tbl as XML text) to the body."""
        self.blocks.append(block)

    def write_into(self, body) -> None:
        """Parse the blocks and put them into a w:body, before its section properties."""
        section_properties = body.sectPr
        for element in parse_blocks(self.blocks):
            section_properties.addprevious(element)

    def heading(self, text: str, level: int = 1) -> None:
        """A Heading 1/2 paragraph (the navigation pane and a TOC list these)."""
        self.add(paragraph(text, f"Heading{level}"))

    def para(self, text: str = "", **options) -> None:
        """A body paragraph."""
        self.add(paragraph(text, **options))

    def add_table(self, columns: list[Column], header: list[str], rows: list[TableRow]) -> None:
        """A table, followed by a small gap so the next paragraph does not touch it."""
        self.add(build_table(columns, header, rows))
        self.add(paragraph("", space_after=0, size_pt=6))

    def kr(self, amount: int | Decimal) -> str:
        """Whole kronor: "1 041 600 kr" (amounts with öre are rounded half-up like the engine)."""
        return whole_kronor(amount if isinstance(amount, int) else round_kr(Decimal(amount)), self.language)

    def money(self, amount: Decimal) -> str:
        """An amount to the öre, with the currency: "31 000 kr", "22 774,38 kr"."""
        return formatting.money(amount, self.language)

    def amount(self, amount: Decimal) -> str:
        """An amount to the öre, without the currency: "3 749", "1 200,50"."""
        return formatting.money(amount, self.language, currency=False)

    def months(self, count: Fraction, monthly_cost: Decimal = Decimal(1)) -> str:
        """Months counted: "4,5", "12"; a day-rule share with enough decimals that months × the monthly
        cost is off by at most 5 öre ("4,580645" at 22 774 kr/mån)."""
        return formatting.months(count, self.language, monthly_cost=monthly_cost)

    def number(self, amount: int) -> str:
        """A grouped whole number: "1 041 600"."""
        return whole_number(amount, self.language)

    def decimal(self, value: Decimal) -> str:
        """A number with the decimals it has: "30,5", "3 749"."""
        return _decimal(value, self.language)

    def fte(self, value: Decimal) -> str:
        """A share of a post with at least one decimal: "0,2", "2,0"."""
        if value != value.to_integral_value():
            return _decimal(value, self.language)
        return number(value, self.language, places=1)

    def percent(self, rate: Decimal) -> str:
        """"40 %"."""
        return _percent(rate, self.language)

    def date(self, day: date) -> str:
        """"14 augusti 2017"."""
        return _long_date(day, self.language)

    def join(self, names: list[str]) -> str:
        """"A, B och C" (Swedish) or "A, B and C" (English)."""
        return format_list(names, locale=babel_locale(self.language)) if names else ""
