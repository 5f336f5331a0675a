"""Benchmark of compute_budget: 500 staff lines over 5 years in `day` mode, and how time scales.

Run: .venv/bin/python bench/budget_bench.py [--runs N] [--check]
Prints the median of N runs for the main case (target: under 50 ms), then the median for
100/250/500 lines over 5 years and 500 lines over 1/3/5 years, with milliseconds per
line-month (a staff line's active months summed over all lines). --check exits 1 if the main
case misses the target.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from builder.budget import (  # noqa: E402
    AnnualRaise,
    Baseline,
    BaselineRow,
    Budget,
    OtherCost,
    Overhead,
    StaffLine,
    compute_budget,
)

TARGET_MS = 50.0
PARTIES = ("Kristianstads kommun", "Region Skåne", "Försäkringskassan", "Arbetsförmedlingen",
           "Vårdcentralen Vilan", "Vårdcentralen Östermalm", "Hässleholms kommun")


def staff_line(rng: random.Random, first: date, last: date) -> StaffLine:
    """A line with varied dates (often mid-month), salary, FTE, its own fee rate or a raise."""
    span = (last - first).days
    start = first + timedelta(days=rng.randrange(0, span + 1))
    end = start + timedelta(days=rng.randrange(0, (last - start).days + 1))
    if rng.random() < 0.4:  # many lines run to the end of the period
        end = last
    return StaffLine(
        party=rng.choice(PARTIES), role="Socialpedagog",
        fte=Decimal(rng.randrange(5, 200)) / 100,
        monthly_salary=Decimal(rng.randrange(2_500_000, 6_500_000)) / 100,
        start=start, end=end,
        social_fee_rate=Decimal(rng.randrange(3000, 4500)) / 10000 if rng.random() < 0.5 else None,
        annual_raise=AnnualRaise(Decimal(rng.randrange(0, 60)) / 1000, rng.randrange(1, 13))
        if rng.random() < 0.7 else None,
    )


def make_budget(lines: int, years: int, seed: int = 2017) -> Budget:
    rng = random.Random(seed)
    first, last = date(2020, 1, 1), date(2020 + years - 1, 12, 31)
    year_keys = [str(2020 + i) for i in range(years)]
    return Budget(
        proration="day",
        default_social_fee_rate=Decimal("0.3142"),
        staff=tuple(staff_line(rng, first, last) for _ in range(lines)),
        other_costs=tuple(OtherCost(label, {y: Decimal(rng.randrange(0, 200_000)) for y in year_keys})
                          for label in ("Lokaler", "Resor", "Utvärdering")),
        overhead=Overhead("Indirekta kostnader", Decimal("0.05")),
        baseline=Baseline("Ursprunglig budget", (
            BaselineRow(PARTIES[0], {y: Decimal(1_000_000) for y in year_keys}),
            BaselineRow("Gammal rad", {year_keys[0]: Decimal(50_000)}),
        )),
    )


def line_months(budget: Budget) -> int:
    return sum((line.end.year - line.start.year) * 12 + line.end.month - line.start.month + 1
               for line in budget.staff)


def median_ms(budget: Budget, runs: int) -> float:
    for _ in range(3):  # warm up
        compute_budget(budget)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        compute_budget(budget)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def report(label: str, budget: Budget, runs: int) -> float:
    ms = median_ms(budget, runs)
    months = line_months(budget)
    print(f"  {label:<22} {ms:8.2f} ms   {months:6d} line-months   "
          f"{1000 * ms / months:6.2f} µs per line-month")
    return ms


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument("--check", action="store_true", help="exit 1 if the main case misses the target")
    args = parser.parse_args()

    print(f"compute_budget, `day` proration, median of {args.runs} runs (Python {sys.version.split()[0]})")
    main_ms = report("500 lines × 5 years", make_budget(500, 5), args.runs)
    print(f"  target {TARGET_MS:.0f} ms: {'met' if main_ms < TARGET_MS else 'MISSED'}")
    print("lines (5 years):")
    for lines in (100, 250, 500):
        report(f"{lines} lines", make_budget(lines, 5), args.runs)
    print("years (500 lines):")
    for years in (1, 3, 5):
        report(f"{years} year{'s' if years > 1 else ''}", make_budget(500, years), args.runs)
    return 1 if args.check and main_ms >= TARGET_MS else 0


if __name__ == "__main__":
    sys.exit(main())
