"""Small builders for budget inputs, so test tables stay one line per case."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from builder.budget import (
    AnnualRaise,
    Baseline,
    BaselineRow,
    Budget,
    OtherCost,
    Overhead,
    StaffLine,
)


def d(value) -> Decimal:
    return Decimal(str(value))


def staff(start="2019-01-01", end="2019-12-31", salary="10000", fte="1", party="P", role="R",
          fee=None, raise_=None) -> StaffLine:
    """A staff line; `raise_` is (rate, month)."""
    revision = AnnualRaise(d(raise_[0]), raise_[1]) if raise_ else None
    return StaffLine(party, role, d(fte), d(salary), date.fromisoformat(start), date.fromisoformat(end),
                     None if fee is None else d(fee), revision)


def yearly(**amounts) -> dict[str, Decimal]:
    """yearly(y2019="100") → {"2019": Decimal("100")}."""
    return {key.lstrip("y"): d(value) for key, value in amounts.items()}


def budget(*lines, proration="day", fee="0", other=(), overhead=None, baseline=None) -> Budget:
    """`other` is [(label, {year: amount})], `overhead` (label, rate), `baseline` [(label, {...})]."""
    return Budget(
        proration=proration,
        default_social_fee_rate=d(fee),
        staff=tuple(lines),
        other_costs=tuple(OtherCost(label, amounts) for label, amounts in other),
        overhead=Overhead(overhead[0], d(overhead[1])) if overhead else None,
        baseline=Baseline("Ursprunglig budget", tuple(BaselineRow(label, amounts) for label, amounts in baseline))
        if baseline is not None else None,
    )


KOMMUN, VILAN, OSTERMALM = "Kristianstads kommun", "Vårdcentralen Vilan", "Vårdcentralen Östermalm"


def hela_familjen(end="2019-05-31") -> Budget:
    """The Hela Familjen extension budget written out in Python (independent of the loader)."""
    lines = [
        staff("2017-06-01", end, "31000", "2.0", KOMMUN, "Socialpedagog/socionom"),
        staff("2017-06-01", end, "32000", "1.0", KOMMUN, "Socialpedagog"),
        staff("2017-06-01", end, "32000", "0.6", KOMMUN, "Socialpedagog"),
        staff("2017-06-01", end, "34000", "0.4", KOMMUN, "Projektledare"),
        staff("2017-08-14", end, "39350", "0.2", VILAN, "Sjuksköterska/distriktssköterska"),
        staff("2017-08-14", end, "38000", "0.2", OSTERMALM, "Distriktssköterska"),
    ]
    baseline = [
        (KOMMUN, yearly(y2015=260400, y2016=1041600, y2017=1041600, y2018=781200)),
        ("Näsby vårdcentral", yearly(y2015=31920, y2016=127680, y2017=127680, y2018=95760)),
        ("Workshops + kompetensutveckling", yearly(y2015=5000, y2016=20000, y2017=20000, y2018=15000)),
        ("Utvärdering", yearly(y2015=30000, y2016=80000, y2017=80000, y2018=60000)),
    ]
    return budget(*lines, proration="half_month", fee="0.40", baseline=baseline)
