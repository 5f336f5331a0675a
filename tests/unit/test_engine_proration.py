"""Proration modes at month edges and salary revisions across year ends.

Every expected value is worked out by hand in the comment beside it; the monthly cost is
12 000 kr (salary 12 000, no social fees, one full-time post) unless the case says otherwise.
"""
from __future__ import annotations

import pytest

from builder.budget import staff_line_cost_by_year

from .factories import d, staff

M = "12000"

# (start, end, {mode: {year: cell}}); shares are active days / days in the month.
EDGE_CASES = [
    # Start on the 1st: a whole month in every mode.
    ("2019-03-01", "2019-03-31", {"half_month": {"2019": 12000}, "month": {"2019": 12000},
                                  "day": {"2019": 12000}}),
    # Start on the 14th: 18/31 = 0.58 → 0.5 | 1 | 216 000/31 = 6 967.74
    ("2019-03-14", "2019-03-31", {"half_month": {"2019": 6000}, "month": {"2019": 12000},
                                  "day": {"2019": 6968}}),
    # 15th: 17/31 = 0.548 → 0.5 | 1 | 204 000/31 = 6 580.65
    ("2019-03-15", "2019-03-31", {"half_month": {"2019": 6000}, "month": {"2019": 12000},
                                  "day": {"2019": 6581}}),
    # 16th: 16/31 = 0.516 → 0.5 | 1 | 192 000/31 = 6 193.55
    ("2019-03-16", "2019-03-31", {"half_month": {"2019": 6000}, "month": {"2019": 12000},
                                  "day": {"2019": 6194}}),
    # Last day of the month: 1/31 = 0.03 → 0 | 0 | 387.10
    ("2019-03-31", "2019-03-31", {"half_month": {"2019": 0}, "month": {"2019": 0},
                                  "day": {"2019": 387}}),
    # 30-day month, 16th: 15/30 = 0.5 exactly → 0.5 | tie up → 1 | 6 000
    ("2019-04-16", "2019-04-30", {"half_month": {"2019": 6000}, "month": {"2019": 12000},
                                  "day": {"2019": 6000}}),
    # 30-day month, 15th: 16/30 = 0.533 → 0.5 | 1 | 6 400
    ("2019-04-15", "2019-04-30", {"half_month": {"2019": 6000}, "month": {"2019": 12000},
                                  "day": {"2019": 6400}}),
    # End on the 14th: 14/31 = 0.45 → 0.5 | 0 | 168 000/31 = 5 419.35
    ("2019-03-01", "2019-03-14", {"half_month": {"2019": 6000}, "month": {"2019": 0},
                                  "day": {"2019": 5419}}),
    # One day in mid-month: 1/31 → 0 | 0 | 387.10
    ("2019-03-15", "2019-03-15", {"half_month": {"2019": 0}, "month": {"2019": 0},
                                  "day": {"2019": 387}}),
    # One day in February 2019: 1/28 → 0 | 0 | 428.57
    ("2019-02-10", "2019-02-10", {"half_month": {"2019": 0}, "month": {"2019": 0},
                                  "day": {"2019": 429}}),
    # 29 February 2020, one day: 1/29 → 0 | 0 | 413.79
    ("2020-02-29", "2020-02-29", {"half_month": {"2020": 0}, "month": {"2020": 0},
                                  "day": {"2020": 414}}),
    # Mid-month to mid-month: 11/31 = 0.355 → 0.5 | 0 | 132 000/31 = 4 258.06
    ("2019-03-10", "2019-03-20", {"half_month": {"2019": 6000}, "month": {"2019": 0},
                                  "day": {"2019": 4258}}),
    # Leap February: 1–14 Feb 2019 is 14/28 = 0.5 (tie: month → 1); 2020 and 2024 are 14/29 = 0.483.
    ("2019-02-01", "2019-02-14", {"half_month": {"2019": 6000}, "month": {"2019": 12000},
                                  "day": {"2019": 6000}}),
    ("2020-02-01", "2020-02-14", {"half_month": {"2020": 6000}, "month": {"2020": 0},
                                  "day": {"2020": 5793}}),  # 168 000/29 = 5 793.10
    ("2024-02-01", "2024-02-14", {"half_month": {"2024": 6000}, "month": {"2024": 0},
                                  "day": {"2024": 5793}}),
    # 15–end Feb: 2019 14/28 = 0.5; 2020 15/29 = 0.517, 180 000/29 = 6 206.90
    ("2019-02-15", "2019-02-28", {"half_month": {"2019": 6000}, "month": {"2019": 12000},
                                  "day": {"2019": 6000}}),
    ("2020-02-15", "2020-02-29", {"half_month": {"2020": 6000}, "month": {"2020": 12000},
                                  "day": {"2020": 6207}}),
    # Ties under half_month: 7/28 = 0.25 → 0.5 (month: 0); 21/28 = 0.75 → 1.
    ("2019-02-22", "2019-02-28", {"half_month": {"2019": 6000}, "month": {"2019": 0},
                                  "day": {"2019": 3000}}),
    ("2019-02-08", "2019-02-28", {"half_month": {"2019": 12000}, "month": {"2019": 12000},
                                  "day": {"2019": 9000}}),
    # Just under the tie: 7/29 = 0.241 → 0; 84 000/29 = 2 896.55
    ("2020-02-23", "2020-02-29", {"half_month": {"2020": 0}, "month": {"2020": 0},
                                  "day": {"2020": 2897}}),
    # Three months: 18/31 + 1 + 16/31 → 0.5+1+0.5 | 1+1+1 | 12 000 × 65/31 = 25 161.29
    ("2019-01-14", "2019-03-16", {"half_month": {"2019": 24000}, "month": {"2019": 36000},
                                  "day": {"2019": 25161}}),
    # Across a year end: Dec 16/31 (0.516) | Jan 15/31 (0.484, day 180 000/31 = 5 806.45)
    ("2019-12-16", "2020-01-15", {"half_month": {"2019": 6000, "2020": 6000},
                                  "month": {"2019": 12000, "2020": 0},
                                  "day": {"2019": 6194, "2020": 5806}}),
]


@pytest.mark.parametrize("mode", ["half_month", "month", "day"])
@pytest.mark.parametrize("start, end, expected", EDGE_CASES, ids=[f"{c[0]}..{c[1]}" for c in EDGE_CASES])
def test_proration_at_month_edges(start, end, expected, mode):
    assert staff_line_cost_by_year(staff(start, end, M), d(0), mode) == expected[mode]


@pytest.mark.parametrize("salary, start, end, mode, expected", [
    ("1", "2019-02-01", "2019-02-14", "day", 1),         # 0.50 → 1 (half-up, not to even)
    ("5", "2019-02-01", "2019-02-14", "day", 3),         # 2.50 → 3 (to even would give 2)
    ("5", "2019-02-01", "2019-02-14", "half_month", 3),  # 5 × 0.5 = 2.5 → 3
    # One rounding per cell: Jan 1/31 × 10 = 0.32 and Feb 1/28 × 10 = 0.36 sum to 0.68 → 1.
    ("10", "2019-01-31", "2019-02-01", "day", 1),
])
def test_cells_rounded_once_half_up(salary, start, end, mode, expected):
    assert staff_line_cost_by_year(staff(start, end, salary), d(0), mode) == {"2019": expected}


@pytest.mark.parametrize("fte, fee, expected", [
    ("0.5", "0.4", 4200),       # 6 000 × 1.4 × 0.5
    ("2.0", "0.3142", 15770),   # 6 000 × 1.3142 × 2 = 15 770.4
    ("0.25", "0", 1500),
])
def test_fte_and_social_fees_scale_the_month(fte, fee, expected):
    line = staff("2019-06-01", "2019-06-30", "6000", fte)
    assert staff_line_cost_by_year(line, d(fee), "month") == {"2019": expected}


# Salary 10 000, no fees, full time, `month` proration unless said: revisions on the 1st of
# `month` in each year where that day is strictly after the start, compounding.
RAISE_CASES = [
    # Start 2017-06-01 (after April): raises 2018-04-01 (10 300) and 2019-04-01 (10 609).
    ("2017-06-01", "2019-12-31", ("0.03", 4), "month",
     {"2017": 7 * 10000, "2018": 3 * 10000 + 9 * 10300, "2019": 3 * 10300 + 9 * 10609}),
    # Start before the raise month: the first raise comes the same year.
    ("2017-02-01", "2017-12-31", ("0.03", 4), "month", {"2017": 2 * 10000 + 9 * 10300}),
    # Start on the 1st of the raise month: that day is not after the start, no raise in 2017.
    ("2017-04-01", "2018-12-31", ("0.03", 4), "month", {"2017": 9 * 10000, "2018": 3 * 10000 + 9 * 10300}),
    # Start later in the raise month: the same.
    ("2017-04-02", "2018-06-30", ("0.03", 4), "month", {"2017": 9 * 10000, "2018": 3 * 10000 + 3 * 10300}),
    # Start the day before the raise month: raise on 2017-04-01. 10 000/31 + 9 × 10 300 = 93 022.58
    ("2017-03-31", "2017-12-31", ("0.03", 4), "day", {"2017": 93023}),
    # Raise month January: 2018-01-01 and 2019-01-01.
    ("2017-06-01", "2019-03-31", ("0.03", 1), "month", {"2017": 70000, "2018": 12 * 10300, "2019": 3 * 10609}),
    # Raise month December, start 1 December: the first raise is 2018-12-01.
    ("2017-12-01", "2018-12-31", ("0.03", 12), "month", {"2017": 10000, "2018": 11 * 10000 + 10300}),
    # A zero rate changes nothing.
    ("2017-06-01", "2018-12-31", ("0", 4), "month", {"2017": 70000, "2018": 120000}),
]


@pytest.mark.parametrize("start, end, revision, mode, expected", RAISE_CASES)
def test_annual_raise(start, end, revision, mode, expected):
    line = staff(start, end, "10000", raise_=revision)
    assert staff_line_cost_by_year(line, d(0), mode) == expected


def test_raise_compounds_on_exact_decimals_and_rounds_per_cell():
    # 31 000 × 1.4 × 0.5 = 21 700; × 1.025 = 22 242.5; × 1.025 = 22 798.5625.
    # 2018: 3 × 21 700 + 9 × 22 242.5 = 265 282.5 → 265 283 (half-up)
    # 2019: 3 × 22 242.5 + 3 × 22 798.5625 = 135 123.1875 → 135 123
    line = staff("2017-06-01", "2019-06-30", "31000", "0.5", raise_=("0.025", 4))
    assert staff_line_cost_by_year(line, d("0.4"), "month") == {
        "2017": 151_900, "2018": 265_283, "2019": 135_123}


def test_raise_in_the_start_month_with_day_proration():
    # Start 2018-03-16 with raises in April: 16/31 × 10 000 + 9 × 10 300 = 5 161.29 + 92 700
    line = staff("2018-03-16", "2018-12-31", "10000", raise_=("0.03", 4))
    assert staff_line_cost_by_year(line, d(0), "day") == {"2018": 97861}
