"""The loader's errors as data (path, code, params) and their text in Swedish and English."""
from __future__ import annotations

from decimal import Decimal

import pytest

from builder.appformat import FormatError, ValidationError, from_dict, limits, loads
from builder.appformat.errors import CODES
from builder.format_messages import field_message, message, messages, place, problem

from .format_helpers import edit


def errors(data) -> list[FormatError]:
    with pytest.raises(ValidationError) as caught:
        from_dict(data)
    return caught.value.errors


def test_an_error_is_a_path_a_code_and_parameters(example_dict):
    edit(example_dict, "budget.staff[1].fte", "11")
    assert errors(example_dict) == [FormatError(
        ("budget", "staff", 1, "fte"), "too_large",
        {"kind": "number", "min": Decimal(0), "max": Decimal(10), "min_exclusive": True, "got": "11"})]


@pytest.mark.parametrize("place_, value, path, code, params", [
    ("budget.staff[0].fte", "0", ("budget", "staff", 0, "fte"), "too_small", {"min": Decimal(0)}),
    ("budget.staff[0].fte", "x", ("budget", "staff", 0, "fte"), "not_a_number", {"got": "x"}),
    ("budget.staff[0].monthly_salary", "10000000.5", ("budget", "staff", 0, "monthly_salary"), "too_large",
     {"max": limits.MONTHLY_SALARY.high}),
    ("title", "", ("title",), "empty", {}),
    ("title", "x" * 501, ("title",), "too_long", {"max": 500, "count": 501}),
    ("kind", "old", ("kind",), "not_choice", {"choices": ("new", "extension", "continuation"), "got": "old"}),
    ("period.start", "1899-12-31", ("period", "start"), "date_too_early", {"min": 1900}),
    ("period.end", "2101-01-01", ("period", "end"), "date_too_late", {"max": 2100}),
    ("risks[0].likelihood", "2.5", ("risks", 0, "likelihood"), "not_whole", {"kind": "whole_number"}),
    ("budget.staff[0].start", "2017-01-01", ("budget", "staff", 0, "start"), "outside_period",
     {"start": "2017-06-01", "end": "2019-05-31", "got": "2017-01-01"}),
    ("budget.baseline.rows[0].yearly.1899", "1", ("budget", "baseline", "rows", 0, "yearly", "1899"),
     "year_out_of_range", {"min": 1900, "max": 2100}),
    ("sections.nonsense", "x", ("sections", "nonsense"), "unknown_key", {}),
])
def test_each_problem_names_its_path_code_and_parameters(example_dict, place_, value, path, code, params):
    edit(example_dict, place_, value)
    found = errors(example_dict)
    assert [(e.path, e.code) for e in found] == [(path, code)]
    assert params.items() <= dict(found[0].params).items()


def test_every_code_has_its_parameters_declared(example_dict):
    edit(example_dict, "budget.staff[0].fte", "11")
    edit(example_dict, "title", 5)
    for error in errors(example_dict):
        assert error.code in CODES and set(error.params) <= set(CODES[error.code])


def test_json_errors_have_codes_too():
    with pytest.raises(ValidationError) as caught:
        loads('{"a": 1,')
    (error,) = caught.value.errors
    assert (error.path, error.code) == ((), "invalid_json")
    assert error.params["line"] == 1
    with pytest.raises(ValidationError) as caught:
        loads('{"a": NaN}')
    assert caught.value.errors == [FormatError((), "not_a_number_constant", {"name": "NaN"})]


# Rendering: Swedish names the place in words and keeps the format's path; English is the format's path.

FTE = FormatError(("budget", "staff", 1, "fte"), "too_large",
                  {"kind": "number", "min": Decimal(0), "max": Decimal(10), "min_exclusive": True, "got": "11"})


def test_swedish_message():
    assert message(FTE, "sv") == ("Budget, personalrad 2, tjänstgöringsgrad (budget.staff[1].fte): måste vara ett "
                                  "tal större än 0 och högst 10, inte ”11”")


def test_english_message():
    assert message(FTE, "en") == 'budget.staff[1].fte: must be a number greater than 0 and at most 10, got "11"'


def test_swedish_numbers_are_written_the_swedish_way():
    error = FormatError(("budget", "staff", 0, "monthly_salary"), "too_large",
                        {"kind": "number", "min": Decimal(0), "max": Decimal(10_000_000), "got": "1e9"})
    assert problem(error, "sv") == "måste vara ett tal minst 0 och högst 10\xa0000\xa0000, inte ”1e9”"
    assert problem(error, "en") == 'must be a number at least 0 and at most 10000000, got "1e9"'


@pytest.mark.parametrize("path, sv, en", [
    (("parties", 2, "name"), "Part 3, namn (parties[2].name)", "parties[2].name"),
    (("sections", "goals"), "Avsnitt, resultat och effektmål (sections.goals)", "sections.goals"),
    (("effects", 0, "items", 4, "persons"), "Scenario 1, insats 5, antal personer (effects[0].items[4].persons)",
     "effects[0].items[4].persons"),
    (("budget", "baseline", "rows", 1, "label"),
     "Budget, tidigare beviljad budget, rad 2, benämning (budget.baseline.rows[1].label)",
     "budget.baseline.rows[1].label"),
    ((), "(hela filen)", "(top level)"),
])
def test_places(path, sv, en):
    assert place(path, "sv") == sv
    assert place(path, "en") == en


def test_file_level_errors_name_the_file():
    error = FormatError((), "duplicate_key", {"key": "fte"})
    assert message(error, "sv") == "(filen): inte giltig JSON: nyckeln ”fte” förekommer två gånger i samma objekt"
    assert message(error, "en") == '(file): not valid JSON: the key "fte" appears twice in one object'


def test_every_code_renders_in_both_languages_without_a_placeholder_left(example_dict):
    samples = {"got": "x", "max": 3, "min": 1, "count": 4, "choices": ("a", "b"), "kind": "number",
               "min_exclusive": False, "start": "2017-01-01", "end": "2018-01-01", "first": 2017, "last": 2018,
               "expected": 1, "other": ("budget", "baseline", "rows", 0, "label"), "key": "k", "name": "NaN",
               "reason": "Expecting value", "line": 1, "column": 2, "pos": 1}
    for code, names in CODES.items():
        params = {name: samples[name] for name in names}
        if code in ("not_object", "not_list", "not_text"):
            params["got"] = "list"
        for language in ("sv", "en"):
            text = message(FormatError(("title",), code, params), language)
            assert "%(" not in text and text.strip(), (code, language, text)
    sv = messages([FormatError(("title",), code, {}) for code in ("required", "empty", "unknown_key")], "sv")
    assert sv == ["Projektets namn (title): måste finnas", "Projektets namn (title): får inte vara tomt",
                  "Projektets namn (title): okänd nyckel"]


def test_field_messages_are_sentences_in_the_forms_words():
    assert field_message(FTE, "sv") == "Måste vara ett tal större än 0 och högst 10, inte ”11”."
    assert field_message(FormatError(("title",), "empty"), "sv") == "Fyll i det här fältet."
    assert field_message(FormatError(("title",), "empty"), "en") == "Fill in this field."


def test_a_lone_surrogate_never_reaches_a_message():
    error = FormatError(("kind",), "not_choice", {"choices": ("new",), "got": "x\ud800"})
    for language in ("sv", "en"):
        message(error, language).encode("utf-8")


# The limits at their edges: the loader accepts the maximum and refuses one more, with the limit in the params.

LISTS = [
    ("parties", lambda i: {"name": f"P{i}"}, limits.MAX_PARTIES),
    ("risks", lambda i: {"area": "A", "description": "D", "likelihood": "1", "consequence": "1"}, limits.MAX_RISKS),
    ("signatories", lambda i: {"party": "P", "name": f"N{i}"}, limits.MAX_SIGNATORIES),
    ("budget.other_costs", lambda i: {"label": f"K{i}", "yearly": {}}, limits.MAX_OTHER_COSTS),
    ("budget.baseline.rows", lambda i: {"label": f"R{i}", "yearly": {}}, limits.MAX_BASELINE_ROWS),
    ("effects", lambda i: {"label": f"S{i}", "items": []}, limits.MAX_SCENARIOS),
]


@pytest.mark.parametrize("place_, row, limit", LISTS, ids=[case[0] for case in LISTS])
def test_lists_at_the_limit_and_one_over(example_dict, place_, row, limit):
    edit(example_dict, place_, [row(i) for i in range(limit)])
    from_dict(example_dict)
    edit(example_dict, place_, [row(i) for i in range(limit + 1)])
    (error,) = errors(example_dict)
    assert (error.place, error.code, dict(error.params)) == (place_, "too_many", {"max": limit, "count": limit + 1})


def test_decimals_at_the_limit_and_one_over(example_dict):
    edit(example_dict, "budget.staff[0].fte", "0." + "1" * limits.MAX_DECIMALS)
    from_dict(example_dict)
    edit(example_dict, "budget.staff[0].fte", "0." + "1" * (limits.MAX_DECIMALS + 1))
    assert [e.code for e in errors(example_dict)] == ["too_many_decimals"]


@pytest.mark.parametrize("years, ok", [(limits.MAX_YEAR_COLUMNS, True), (limits.MAX_YEAR_COLUMNS + 1, False),
                                       (41, False)])
def test_baseline_years_at_the_limit_and_over(example_dict, years, ok):
    edit(example_dict, "budget.baseline.rows", [{"label": "R", "yearly": {str(2000 + i): "1" for i in range(years)}}])
    if ok:
        from_dict(example_dict)
    else:
        assert [(e.place, e.code) for e in errors(example_dict)] == [("budget.baseline.rows", "too_many_years")]


def test_the_forms_use_the_same_limits():
    """The wizard's forms read builder/appformat/limits.py: the rows a form holds are the rows the format allows."""
    from forms import wizard

    assert wizard.PartiesForm.parties.kwargs["max_entries"] == limits.MAX_PARTIES
    assert wizard.RisksForm.risks.kwargs["max_entries"] == limits.MAX_RISKS
    assert wizard.SignatoriesForm.signatories.kwargs["max_entries"] == limits.MAX_SIGNATORIES
    assert wizard.GoalsForm.scenarios.kwargs["max_entries"] == limits.MAX_SCENARIOS
    budget = wizard.BudgetForm
    assert budget.staff.kwargs["max_entries"] == limits.MAX_STAFF_LINES
    assert budget.other_costs.kwargs["max_entries"] == limits.MAX_OTHER_COSTS
    assert budget.baseline_rows.kwargs["max_entries"] == limits.MAX_BASELINE_ROWS
    assert wizard.MAX_YEAR_COLUMNS == limits.MAX_YEAR_COLUMNS


def test_the_documented_row_limits_are_the_limits_module():
    """docs/application-format.md says how many rows each list may have: the numbers of limits.py."""
    from pathlib import Path

    text = " ".join((Path(__file__).resolve().parents[2] / "docs" / "application-format.md").read_text(
        encoding="utf-8").split())
    for phrase in (f"at most {limits.MAX_PARTIES} parties", f"{limits.MAX_SIGNATORIES} signatories",
                   f"{limits.MAX_RISKS} risks", f"{limits.MAX_STAFF_LINES:,} staff lines".replace(",", " "),
                   f"{limits.MAX_OTHER_COSTS} other costs", f"{limits.MAX_BASELINE_ROWS} baseline rows",
                   f"{limits.MAX_SCENARIOS} effect scenarios", f"most {limits.MAX_EFFECT_ITEMS} items each",
                   f"at most {limits.MAX_YEAR_COLUMNS} calendar years",
                   f"in the years {limits.FIRST_YEAR}–{limits.LAST_YEAR}",
                   f"At most {limits.MAX_DECIMALS} digits after the point"):
        assert phrase in text, phrase
