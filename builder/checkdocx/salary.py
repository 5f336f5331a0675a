"""Checks of the salary arithmetic a narrative writes out near a budget table.

Salary × social fees = monthly cost (when the rate is stated or the document's other
statements agree on it), FTE × full-time cost = part-time cost, monthly × 12 = yearly, and
any "a × b = c" written out. Each check needs its figures written close together.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from builder.budget import round_kr

from . import narrative as text_
from .findings import ARITHMETIC, FTE_SHARE, SOCIAL_FEES, YEARLY, Finding
from .numbers import NUMBER_TEXT, parse_number

TOLERANCE = Decimal(1)  # a derived figure may be rounded to whole kronor


def rounding_tolerance(factor: Decimal | int = 1) -> Decimal:
    """How far a figure may be off when it is `factor` × a figure rounded to whole kronor."""
    return max(TOLERANCE, abs(Decimal(factor)) / 2)
_FEE_LINK = {"x", "sociala", "avgifter", "inkl", "inklusive", "med", "plus", "soc", "avg", "po",
             "pålägg", "arbetsgivaravgifter", "arbetsgivaravgift", "lönebikostnader", "blir", "ger",
             "motsvarar", "på", "om", "totalt", "det", "vilket", "och", "är"}
_YEAR_LINK = {"och", "eller", "samt", "vilket", "blir", "ger", "motsvarar", "en", "ett", "om", "per",
              "år", "totalt", "alltså", "helårslönen", "helårslön", "årslönen", "årslön", "årskostnad",
              "årskostnaden", "helårskostnad", "helårskostnaden", "inklusive", "inkl", "d", "v", "s"}
_FTE_LINK = {"för", "blir", "därför", "då", "det", "innebär", "ger", "en", "ett", "om", "på", "den",
             "denna", "av", "i", "per", "till", "uppgår", "totalt", "sammanlagt", "alltså", "vilket",
             "motsvarar", "månad", "år", "månadslönen", "månadslön", "månadskostnad", "månadskostnaden",
             "lönen", "lönekostnaden", "lönekostnad", "kostnaden", "årskostnad", "årskostnaden",
             "helårslönen", "helårslön", "årslönen", "årslön", "helårskostnaden", "heltidslönen", "tjänsten"}
_FTE_RESULT = {"blir", "innebär", "ger", "motsvarar", "uppgår"}
_EXPLICIT_RATE = re.compile(r"\(?\s*(" + NUMBER_TEXT + r")\s*(?:%|procent)\s*\)?|\b(1,\d{1,4})\b")
_TIMES = r"\s*(?:x|×|\*|gånger)\s*"
_FACTOR = (r"(" + NUMBER_TEXT + r")\s*(%|procent)?\s*(?:kr|kronor|mån(?:ad(?:er)?|ader)?|st|personer|tjänst(?:er)?)?"
           r"(?:\s*/\s*(?:mån|år))?\.?")
_RAISE = re.compile(r"räknas\s+upp\s+med\s+(?P<rate>" + NUMBER_TEXT + r")\s*%\s*per\s+år\s+(?:i|från\s+och\s+med)\s+"
                    r"(?P<month>" + "|".join(text_.MONTH_NAMES) + r")\b", re.IGNORECASE)
_REVISED = re.compile(r"\s*den\s+\d{1,2}\s+\w+\s+\d{4}")
_YEAR_BEFORE = re.compile(r"\b((?:19|20)\d{2}):\s*$")
_MONTHS_TERM = re.compile(r"(?:^|\+)\s*(" + NUMBER_TEXT + r")\s*mån(?:ad(?:er)?|ader)?\s*(?:x|×|\*)", re.IGNORECASE)
_PRODUCT_TEXT = _FACTOR + _TIMES + _FACTOR + r"(?:" + _TIMES + _FACTOR + r")?"
_TERM = re.compile(_PRODUCT_TEXT, re.IGNORECASE)
_UNGROUPED = re.compile(r"(?<!\\)\((?!\?)")
_SUM_OF_PRODUCTS = re.compile(
    r"(?<!\+\s)(?P<terms>" + _UNGROUPED.sub("(?:", _PRODUCT_TEXT) + r"(?:\s*\+\s*"
    + _UNGROUPED.sub("(?:", _PRODUCT_TEXT) + r")*)\s*=\s*(?P<result>" + NUMBER_TEXT + r")", re.IGNORECASE)
# A written total rate; "arbetsgivaravgift 31,42 %" is only one part of it, so it is not read.
_WRITTEN_RATE = re.compile(r"(?:sociala\s+avgifter|soc\.?\s*avg\.?|po-pålägg\w*|lönebikostnad\w*)"
                           r"\D{0,25}?(" + NUMBER_TEXT + r")\s*(?:%|procent)", re.IGNORECASE)


_PO = re.compile(r"\bpo\b")
# The rate is voted on by the fee statements in the first this many characters of the paragraphs
# that name fees (an application has a few kilobytes of them; this bounds the work on any file).
MAX_RATE_TEXT = 300_000


@dataclass(frozen=True)
class FeeStatement:
    """"31 000 kr/mån x sociala avgifter = 43 400 kr/mån" (with the rate, when one is written)."""

    salary: Decimal
    with_fees: Decimal
    rate: Decimal | None
    context: str


@dataclass
class BlockFacts:
    """What the paragraphs about one row state: part-time monthly costs and period dates."""

    monthly: set[Decimal] = field(default_factory=set)
    starts: set[date] = field(default_factory=set)
    ends: set[date] = field(default_factory=set)
    raises: set[tuple[Decimal, int]] = field(default_factory=set)  # (rate, month) of an annual raise
    posts: int = 0  # paragraphs that begin with the label: more than one means several posts in the row
    year_months: dict[str, Decimal] = field(default_factory=dict)  # "2017: 4,5 månader x …" → 4.5
    prorations: set[str] | None = None  # the modes the "räknas som en halv månad" sentences fit


def fee_statements(text: str, figures: list[text_.Amount] | None = None
                   ) -> list[tuple[int, FeeStatement]]:
    """The fee statements of one prepared paragraph, with the index of their first amount."""
    found = []
    figures = text_.amounts(text) if figures is None else figures
    for i, (salary, cost) in enumerate(zip(figures, figures[1:], strict=False)):
        between = text[salary.end:cost.start]
        if salary.unit != text_.MONTH or cost.unit != text_.MONTH or not text_.FEE_WORDS.search(between):
            continue
        rate, rest = _explicit_rate(between)
        if not re.search(r"=|\bblir\b|\bger\b|\bmotsvarar\b|\btotalt\b", rest) or not _linked(rest, _FEE_LINK):
            continue
        found.append((i, FeeStatement(salary.value, cost.value, rate, _excerpt(text, salary.start, cost.end))))
    return found


def _explicit_rate(between: str) -> tuple[Decimal | None, str]:
    """A rate written inside a fee statement ("(40 %)", "x 1,40"), and the text without it."""
    match = _EXPLICIT_RATE.search(text_.without_dates(between))
    if match is None:
        return None, between
    number = parse_number(match.group(1) or match.group(2))
    rate = 1 + number / 100 if number is not None and match.group(1) else number
    return rate, text_.without_dates(between).replace(match.group(0), " ")


def document_rate(paragraphs: list[str]) -> Decimal | None:
    """The social-fee factor (1.40) the document writes or its statements agree on; None if unclear.

    Each statement votes for the rates it agrees with; a rate written out ("sociala avgifter
    40 %") counts as two votes. One rate must have a majority of the votes, and at least two.
    A statement agrees with the rates in an interval, so the votes are counted by sorting the
    intervals' ends (n log n, where comparing every statement with every rate was n²).
    """
    paragraphs = _within(MAX_RATE_TEXT, [text_.prepare(p) for p in paragraphs if _may_name_fees(p)])
    statements = [s for p in paragraphs for _, s in fee_statements(p) if s.rate is None]
    written = [1 + number / 100 for p in paragraphs for m in _WRITTEN_RATE.finditer(p)
               if (number := parse_number(m.group(1))) is not None]
    candidates: set[Decimal] = {s.with_fees / s.salary for s in statements if s.salary} | set(written)
    if not candidates:
        return None
    intervals = _agreeing_intervals(statements)
    lows, highs = sorted(low for low, _ in intervals), sorted(high for _, high in intervals)
    everywhere = sum(1 for s in statements if not s.salary and _agrees(Decimal(0), s.with_fees))
    written_votes = Counter(written)
    votes: dict[Decimal, int] = {}
    agreeing: dict[Decimal, int] = {}
    for rate in candidates:
        exact = Fraction(rate)
        agreeing[rate] = bisect_right(lows, exact) - bisect_left(highs, exact) + everywhere
        votes[rate] = agreeing[rate] + 2 * written_votes[rate]
    best = max(votes.values())
    winners = sorted(rate for rate, count in votes.items() if count == best)
    if best < 2 or 2 * best <= len(statements) + 2 * len(written):
        return None
    if len({agreeing[rate] for rate in winners}) > 1 or not _same_statements(winners, intervals):
        return None  # tied rates that different statements agree with: unclear
    return winners[0]


def _within(limit: int, paragraphs: list[str]) -> list[str]:
    """The first paragraphs, up to `limit` characters in all."""
    kept = []
    for paragraph in paragraphs:
        limit -= len(paragraph)
        if limit < 0:
            break
        kept.append(paragraph)
    return kept


def _may_name_fees(text: str) -> bool:
    """A quick test (plain substring searches) that a paragraph may name social fees at all."""
    low = text.lower()
    return any(word in low for word in ("soc", "avg", "pålägg", "bikostnad")) or _PO.search(low) is not None


def _agreeing_intervals(statements: list[FeeStatement]) -> list[tuple[Fraction, Fraction]]:
    """For each statement with a salary, the rates r with |salary × r − stated| ≤ the tolerance."""
    intervals = []
    for s in statements:
        if s.salary:
            ends = sorted(Fraction(s.with_fees + k * TOLERANCE) / Fraction(s.salary) for k in (-1, 1))
            intervals.append((ends[0], ends[1]))
    return intervals


def _same_statements(winners: list[Decimal], intervals: list[tuple[Fraction, Fraction]]) -> bool:
    """True when tied rates agree with the same statements: each interval holding the lowest holds the highest.

    The winners agree with equally many statements, so containment one way is equality.
    """
    low, high = Fraction(winners[0]), Fraction(winners[-1])
    return all(end >= high for start, end in intervals if start <= low <= end)


def _agrees(exact: Decimal, stated: Decimal, tolerance: Decimal = TOLERANCE) -> bool:
    return abs(exact - stated) <= tolerance


def _linked(between: str, allowed: set[str]) -> bool:
    """True when only connecting words (and dates) stand between two figures."""
    rest = text_.without_dates(between)
    return not re.search(r"\d", rest) and set(text_.words(rest)) <= allowed


def _fte_linked(between: str) -> bool:
    """"0,2 tjänst blir månadslönen …": a result word, not just a comma, ties a share to a figure."""
    return _linked(between, _FTE_LINK) and bool(_FTE_RESULT & set(text_.words(between)))


def _excerpt(text: str, start: int, end: int) -> str:
    """The piece of text a statement was read from, first figure to last."""
    return text[start:end].strip()


@dataclass
class _Reader:
    """Walks a table's paragraphs, keeping the current row label and full-time monthly cost."""

    table: int
    rate: Decimal | None
    findings: list[Finding] = field(default_factory=list)
    blocks: dict[str, BlockFacts] = field(default_factory=dict)
    label: str | None = None
    # The last "= N kr/mån" with fees (this or the last paragraph): as stated, and as it should be.
    full_time: list[Decimal] = field(default_factory=list)
    # This paragraph's figures by position: as stated, plus the expected value of a flagged one,
    # so that a figure computed from a wrong one is checked against both and one typo is one finding.
    readings: dict[int, list[Decimal]] = field(default_factory=dict)

    def claim(self, kind: str, figure: text_.Amount | Decimal, expected: list[Decimal], context: str,
              factor: Decimal | int = 1) -> None:
        """A finding unless the stated figure is one of the expected ones, within rounding.

        `factor` is what a rounded figure was multiplied by to get the expected ones.
        """
        stated = figure.value if isinstance(figure, text_.Amount) else figure
        if not expected or any(_agrees(e, stated, rounding_tolerance(factor)) for e in expected):
            return
        right = Decimal(round_kr(expected[0]))
        self.findings.append(Finding(kind, self.table, self.label, None, stated, right, None, context))
        if isinstance(figure, text_.Amount):
            self.readings[figure.start] = [stated, right]

    def values(self, figure: text_.Amount) -> list[Decimal]:
        """A figure as stated, and as it should have been if it was flagged."""
        return self.readings.get(figure.start, [figure.value])


def salary_findings(paragraphs: list[str], table: int, rate: Decimal | None
                    ) -> tuple[list[Finding], dict[str, BlockFacts]]:
    """Findings in the paragraphs near a table, and the facts stated about each row label."""
    reader = _Reader(table, rate)
    for paragraph in paragraphs:
        _read_paragraph(reader, text_.prepare(paragraph))
    return reader.findings, reader.blocks


def _read_paragraph(reader: _Reader, text: str) -> None:
    label = text_.block_label(text)
    if label:
        reader.label, reader.full_time = label, []
    carried, reader.full_time, reader.readings = reader.full_time, [], {}
    facts = reader.blocks.setdefault(reader.label, BlockFacts()) if reader.label else BlockFacts()
    facts.posts += 1 if label else 0
    facts.starts.update(text_.start_dates(text))
    facts.ends.update(text_.end_dates(text))
    _edge_facts(text, facts)
    figures = text_.amounts(text)
    fees = fee_statements(text, figures)
    for i, statement in fees:
        own = statement.rate or reader.rate
        reader.claim(SOCIAL_FEES, figures[i + 1], [statement.salary * own] if own else [],
                     statement.context)
    _fte_claims(reader, text, figures, fees, carried, facts)
    _raise_claims(reader, text, figures, fees, carried, facts)
    _yearly_claims(reader, text, figures)
    _product_claims(reader, text)
    reader.full_time = reader.values(figures[fees[-1][0] + 1]) if fees else carried


def _yearly_claims(reader: _Reader, text: str, figures: list[text_.Amount]) -> None:
    """"43 400 kr/mån och 520 800 kr/år": the yearly figure is twelve months."""
    for monthly, yearly in zip(figures, figures[1:], strict=False):
        between = text[monthly.end:yearly.start]
        if monthly.unit != text_.MONTH or yearly.unit != text_.YEAR:
            continue
        with_fees = bool(text_.FEE_WORDS.search(between))
        rate = reader.rate
        if with_fees and rate is None:
            continue  # "x sociala avgifter = N kr/år" cannot be checked without the rate
        if not _linked(text_.FEE_WORDS.sub(" ", between), _YEAR_LINK | {"x"}):
            continue
        factors = [Decimal(12)] + ([rate * 12] if with_fees and rate is not None else [])
        expected = [value * factor for value in reader.values(monthly) for factor in factors]
        expected.sort(key=lambda e: abs(yearly.value - e) if with_fees else 0)
        reader.claim(YEARLY, yearly, expected, _excerpt(text, monthly.start, yearly.end), max(factors))


def _fte_claims(reader: _Reader, text: str, figures: list[text_.Amount], fees,
                carried: list[Decimal], facts: BlockFacts) -> None:
    """"För 0,2 tjänst blir månadslönen 10 640 kr/mån": the share of the full-time cost."""
    fee_members = {i + k for i, _ in fees for k in (0, 1)}
    for fte in text_.ftes(text):
        index = next((i for i, a in enumerate(figures) if a.start >= fte.end), None)
        if index is None or index in fee_members or not _fte_linked(text[fte.end:figures[index].start]):
            continue
        figure = figures[index]
        earlier = [reader.values(figures[i + 1]) for i, _ in fees if figures[i + 1].end <= fte.start]
        full_time = earlier[-1] if earlier else carried
        if not full_time:
            continue
        unit = figure.unit or (text_.YEAR if figure.value > 3 * fte.value * full_time[0] else text_.MONTH)
        months = 1 if unit == text_.MONTH else 12
        if unit == text_.MONTH:
            facts.monthly.add(figure.value)
        reader.claim(FTE_SHARE, figure, [fte.value * value * months for value in full_time],
                     _excerpt(text, fte.start, figure.end), fte.value * months)


def _raise_claims(reader: _Reader, text: str, figures: list[text_.Amount], fees, carried: list[Decimal],
                  facts: BlockFacts) -> None:
    """"Lönen räknas upp med 3 % per år i april: kostnaden blir 23 457,61 kr/mån den 1 april 2025 och …":
    the k-th cost after the raise is the monthly cost × (1 + rate)^k."""
    match = _RAISE.search(text)
    if match is None:
        return
    rate = parse_number(match.group("rate"))
    if rate is None:
        return
    rate /= 100
    facts.raises.add((rate, text_.MONTH_NAMES.index(match.group("month").lower()) + 1))
    before = [a for a in figures if a.end <= match.start() and a.unit == text_.MONTH]
    base = (reader.values(before[-1]) if before else
            reader.values(figures[fees[-1][0] + 1]) if fees else carried)
    if not base:
        return
    after = [a for a in figures if a.start >= match.end() and a.unit == text_.MONTH
             and _REVISED.match(text, a.end)]
    for k, figure in enumerate(after, 1):
        reader.claim(ARITHMETIC, figure, [value * (1 + rate) ** k for value in base],
                     _excerpt(text, match.start(), figure.end))


def _edge_facts(text: str, facts: BlockFacts) -> None:
    """The month-share sentences: their dates, the proration they imply, the months per year."""
    for kind, day, modes in text_.edges(text):
        (facts.starts if kind == "start" else facts.ends).add(day)
        facts.prorations = modes if facts.prorations is None else facts.prorations & modes
    for match in _SUM_OF_PRODUCTS.finditer(text):
        year = _YEAR_BEFORE.search(text[max(0, match.start() - 8):match.start()])
        read = [parse_number(m.group(1)) for m in _MONTHS_TERM.finditer(match.group("terms"))]
        months = [value for value in read if value is not None]
        if year and months and len(months) == len(read):
            facts.year_months[year.group(1)] = sum(months, Decimal(0))


def _product_claims(reader: _Reader, text: str) -> None:
    """"0,2 x 53 200 = 10 640", or a sum of products "3 månader x 22 774,38 kr/mån + 9 månader x …
    = 279 442 kr" (a year with a raise): the written result within what the stated precision allows."""
    for match in _SUM_OF_PRODUCTS.finditer(text):
        found = [_term(term) for term in _TERM.finditer(match.group("terms"))]
        terms = [term for term in found if term is not None]
        result = parse_number(match.group("result"))
        if not terms or len(terms) < len(found) or result is None:
            continue
        total = sum((value for value, _ in terms), Decimal(0))
        slack = sum((error for _, error in terms), Decimal(0))
        reader.claim(ARITHMETIC, result, [total], match.group(0).strip(), 2 * (slack + Decimal("0.5")))


def _term(match: re.Match) -> tuple[Decimal, Decimal] | None:
    """(product, how far it may be off because a factor was written rounded to 2 or more decimals)."""
    groups = match.groups()
    found = [(_factor(groups[i], groups[i + 1]), groups[i]) for i in (0, 2, 4) if groups[i]]
    factors = [(value, written) for value, written in found if value is not None]
    if len(factors) < len(found):
        return None
    product = Decimal(1)
    for value, _ in factors:
        product *= value
    error = Decimal(0)
    for i, (_value, written) in enumerate(factors):
        places = len(written.split(",")[1]) if "," in written else 0
        if places >= 2:
            others = Decimal(1)
            for j, (other, _) in enumerate(factors):
                if j != i:
                    others *= abs(other)
            error += Decimal(5).scaleb(-places - 1) * others
    return product, error


def _factor(number: str, percent: str | None) -> Decimal | None:
    value = parse_number(number)
    return value / 100 if value is not None and percent else value
