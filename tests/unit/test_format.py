"""The loader refuses bad input with "place: problem" messages, and reads numbers as decimals."""
from __future__ import annotations

from decimal import Decimal

import pytest

from builder.appformat import loads, parse_decimal

from .format_helpers import accepted, edit, errors_of, errors_of_text, with_raw

PERIOD = "2017-06-01 – 2019-05-31"

MISSING = object()  # delete the key

# (place, value, the exact message); MISSING deletes the key, None sets JSON null.
BAD_VALUES = [
    # Unknown keys, top level and nested.
    ("colour", "blue", "colour: unknown key"),
    ("budget.staff[0].salary", "31000", "budget.staff[0].salary: unknown key"),
    ("budget.baseline.rows[0].year", 2015, "budget.baseline.rows[0].year: unknown key"),
    ("period.length", 2, "period.length: unknown key"),
    ("sections.summary", "Kort", "sections.summary: unknown key"),
    # Format and version.
    ("format", "finsam", 'format: must be "finsam-application", got "finsam"'),
    ("format", MISSING, "format: is required"),
    ("version", 2, 'version: must be 1, got "2"'),
    ("version", "2", 'version: must be 1, got "2"'),
    ("version", True, 'version: must be 1, got "true"'),
    ("version", MISSING, "version: is required"),
    # Required keys.
    ("title", MISSING, "title: is required"),
    ("title", "  ", "title: must not be empty"),
    ("title", "", "title: must not be empty"),
    ("title", None, "title: is required"),
    ("budget.staff[1].role", "", "budget.staff[1].role: must not be empty"),
    ("budget.staff[1].party", None, "budget.staff[1].party: is required"),
    ("budget", MISSING, "budget: is required"),
    ("budget.staff[1].role", MISSING, "budget.staff[1].role: is required"),
    # Wrong types.
    ("title", 5, "title: must be text, got a number"),
    ("period", ["2017-06-01"], "period: must be an object, got a list"),
    ("budget", "none", "budget: must be an object, got text"),
    ("budget.staff", {"0": {}}, "budget.staff: must be a list, got an object"),
    ("budget.staff[0]", 3, "budget.staff[0]: must be an object, got a number"),
    ("sections.background", ["a"], "sections.background: must be text, got a list"),
    ("parties[0].kind", "county", 'parties[0].kind: must be one of "municipality", "region", '
                                  '"social_insurance", "employment_service", "other", got "county"'),
    ("language", "de", 'language: must be one of "sv", "en", got "de"'),
    ("budget.proration", "weekly", 'budget.proration: must be one of "half_month", "day", "month", '
                                   'got "weekly"'),
    # Dates.
    ("budget.staff[0].start", "2017-05-31",
     f"budget.staff[0].start: must be inside the period {PERIOD}, got 2017-05-31"),
    ("budget.staff[4].end", "2019-06-01",
     f"budget.staff[4].end: must be inside the period {PERIOD}, got 2019-06-01"),
    ("budget.staff[5].start", "2019-06-01",  # after its end and outside the period: the order first
     "budget.staff[5].end: must not be before the start 2019-06-01, got 2019-05-31"),
    ("budget.staff[0].start", "2019-02-29", 'budget.staff[0].start: must be a date YYYY-MM-DD, got "2019-02-29"'),
    ("budget.staff[0].start", "2017-6-1", 'budget.staff[0].start: must be a date YYYY-MM-DD, got "2017-6-1"'),
    ("budget.staff[0].start", 20170601, 'budget.staff[0].start: must be a date YYYY-MM-DD, got "20170601"'),
    ("period.start", "2019-06-01", "period.end: must not be before the start 2019-06-01"),
    ("period.end", "2032-06-01", "period.end: a period may be at most 15 years long"),
    # FTE, salary, rates.
    ("budget.staff[2].fte", "-1", 'budget.staff[2].fte: must be a number greater than 0 and at most 10, got "-1"'),
    ("budget.staff[2].fte", -1, 'budget.staff[2].fte: must be a number greater than 0 and at most 10, got "-1"'),
    ("budget.staff[2].fte", "0", 'budget.staff[2].fte: must be a number greater than 0 and at most 10, got "0"'),
    ("budget.staff[2].fte", "10.01",
     'budget.staff[2].fte: must be a number greater than 0 and at most 10, got "10.01"'),
    ("budget.staff[2].fte", "0,6", 'budget.staff[2].fte: must be a number greater than 0 and at most 10, got "0,6"'),
    ("budget.staff[2].fte", "NaN", 'budget.staff[2].fte: must be a number greater than 0 and at most 10, got "NaN"'),
    ("budget.staff[2].fte", True, 'budget.staff[2].fte: must be a number greater than 0 and at most 10, got "true"'),
    ("budget.staff[0].monthly_salary", "-31000",
     'budget.staff[0].monthly_salary: must be a number at least 0 and at most 10000000, got "-31000"'),
    ("budget.default_social_fee_rate", "1.51",
     'budget.default_social_fee_rate: must be a number at least 0 and at most 1.5, got "1.51"'),
    ("budget.staff[3].social_fee_rate", "-0.01",
     'budget.staff[3].social_fee_rate: must be a number at least 0 and at most 1.5, got "-0.01"'),
    ("budget.staff[0].annual_raise", {"rate": "0.03", "month": 13},
     'budget.staff[0].annual_raise.month: must be a month number at least 1 and at most 12, got "13"'),
    ("budget.staff[0].annual_raise", {"rate": "0.03", "month": "4.5"},
     'budget.staff[0].annual_raise.month: must be a whole month number 1–12, got "4.5"'),
    ("budget.staff[0].annual_raise", {"rate": "0.03"}, "budget.staff[0].annual_raise.month: is required"),
    ("budget.overhead", {"label": "OH", "rate": "1.2"},
     'budget.overhead.rate: must be a number at least 0 and at most 1, got "1.2"'),
    # Amounts by year.
    ("budget.other_costs", [{"label": "Lokaler", "yearly": {"2020": "100"}}],
     "budget.other_costs[0].yearly.2020: must be a year inside the period 2017–2019"),
    ("budget.other_costs", [{"label": "Lokaler", "yearly": {"år 1": "100"}}],
     "budget.other_costs[0].yearly.år 1: a key must be a year YYYY"),
    ("budget.baseline.rows[1].yearly.2016", "-5",
     'budget.baseline.rows[1].yearly.2016: must be an amount at least 0 and at most 1000000000, got "-5"'),
    ("risks[0].likelihood", "5", 'risks[0].likelihood: must be a whole number at least 1 and at most 4, got "5"'),
]


def _case_id(case) -> str:
    return f"{case[0]}={'(missing)' if case[1] is MISSING else repr(case[1])}"


@pytest.mark.parametrize("place, value, message", BAD_VALUES, ids=[_case_id(c) for c in BAD_VALUES])
def test_bad_value_gives_place_and_problem(example_dict, place, value, message):
    edit(example_dict, place) if value is MISSING else edit(example_dict, place, value)
    assert errors_of(example_dict) == [message]


def test_the_spec_example_message_exactly(example_dict):
    edit(example_dict, "budget.staff[2].fte", "-1")
    assert errors_of(example_dict) == [
        'budget.staff[2].fte: must be a number greater than 0 and at most 10, got "-1"']


def test_every_problem_is_reported_in_one_pass(example_dict):
    edit(example_dict, "budget.staff[2].fte", "11")
    edit(example_dict, "budget.staff[0].monthly_salary", "lots")
    edit(example_dict, "colour", "blue")
    assert sorted(errors_of(example_dict)) == sorted([
        "colour: unknown key",
        'budget.staff[2].fte: must be a number greater than 0 and at most 10, got "11"',
        'budget.staff[0].monthly_salary: must be a number at least 0 and at most 10000000, got "lots"',
    ])


@pytest.mark.parametrize("place, value", [
    ("budget.staff[2].fte", "10"), ("budget.staff[2].fte", "0.01"), ("budget.staff[0].monthly_salary", "0"),
    ("budget.default_social_fee_rate", "1.5"), ("budget.staff[0].social_fee_rate", "0"),
    ("period.end", "2032-05-31"),  # exactly 15 years
    ("budget.staff[0].start", "2019-05-31"),  # a one-day line on the last day of the period
])
def test_values_on_the_bounds_are_accepted(example_dict, place, value):
    assert accepted(edit(example_dict, place, value))


def staff_lines(n: int) -> list[dict]:
    line = {"party": "P", "role": "R", "fte": "1", "monthly_salary": "1000",
            "start": "2017-06-01", "end": "2017-06-30"}
    return [dict(line) for _ in range(n)]


def test_more_than_1000_staff_lines_refused(example_dict):
    edit(example_dict, "budget.staff", staff_lines(1001))
    assert errors_of(example_dict) == ["budget.staff: at most 1000 entries, got 1001"]


def test_1000_staff_lines_accepted(example_dict):
    edit(example_dict, "budget.staff", staff_lines(1000))
    assert accepted(example_dict)


@pytest.mark.parametrize("text, start", [
    ("", "(file): not valid JSON: "),
    ('{"format": "finsam-application",', "(file): not valid JSON: "),
    ("[1, 2]", None),
    (b"\xff\xfe{", "(file): not valid JSON: "),
])
def test_bad_json(text, start):
    errors = errors_of_text(text)
    if start is None:
        assert errors == ["(top level): must be an object, got a list"]
    else:
        assert len(errors) == 1 and errors[0].startswith(start)


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_refused(example_dict, raw):
    text = with_raw(example_dict, "budget.staff[0].fte", raw)
    assert errors_of_text(text) == [f"(file): not valid JSON: {raw} is not a number"]


@pytest.mark.parametrize("raw, expected", [
    ("0.1", "0.1"), ("0.6", "0.6"), ("2.0", "2.0"), ("1", "1"), ("0.30000000000000004", "0.30000000000000004"),
    ("1e0", "1"), ("5E-1", "0.5"),
])
def test_json_numbers_are_read_as_decimal_text(example_dict, raw, expected):
    app = loads(with_raw(example_dict, "budget.staff[2].fte", raw))
    fte = app.budget.staff[2].fte
    assert type(fte) is Decimal
    assert fte == Decimal(expected)


@pytest.mark.parametrize("value, expected", [
    ("0.1", Decimal("0.1")), (" 2.0 ", Decimal("2.0")), (7, Decimal(7)), (0.1, Decimal("0.1")),
    (Decimal("0.3"), Decimal("0.3")), ("-1", Decimal("-1")),
    ("1e3", None), ("0,6", None), (".5", None), ("5.", None), ("+1", None), ("", None), (True, None),
    (None, None), (Decimal("NaN"), None), (Decimal("Infinity"), None), ([1], None),
])
def test_parse_decimal(value, expected):
    """Decimal text (or a number) exactly; a Python float by its shortest repr, never its binary value."""
    result = parse_decimal(value)
    assert result == expected and (expected is None or str(result) == str(expected))


def test_json_number_salary_keeps_exact_cents(example_dict):
    text = with_raw(example_dict, "budget.staff[0].monthly_salary", "31000.10")
    assert str(loads(text).budget.staff[0].monthly_salary) == "31000.10"


def test_the_example_loads(example_app):
    assert example_app.title.startswith("Hela Familjen")
    assert example_app.kind == "extension"
    assert len(example_app.budget.staff) == 6
    assert str(example_app.budget.staff[2].fte) == "0.6"
    assert str(example_app.budget.default_social_fee_rate) == "0.40"
    assert [r.label for r in example_app.budget.baseline.rows][1] == "Näsby vårdcentral"
