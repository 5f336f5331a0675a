"""Loader checks added while testing: each case here was accepted or misreported before."""
from __future__ import annotations

import json

import pytest

from builder.appformat import fingerprint, loads

from .format_helpers import edit, errors_of, errors_of_text, with_raw


def test_null_period_is_refused(example_dict):
    edit(example_dict, "period", None)
    assert errors_of(example_dict) == ["period: must be an object, got null"]


@pytest.mark.parametrize("raw, shown", [("-1.5", "-1.5"), ("10.50", "10.50"), ("-1", "-1"), ("1e2", "1E+2")])
def test_json_number_shown_as_written_in_the_message(example_dict, raw, shown):
    text = with_raw(example_dict, "budget.staff[2].fte", raw)
    assert errors_of_text(text) == [
        f'budget.staff[2].fte: must be a number greater than 0 and at most 10, got "{shown}"']


@pytest.mark.parametrize("raw, shown", [("1e-999999", "1E-999999"), ('"0.000000000000000000001"', None),
                                        ('"1.000000000000000000000"', None)])
def test_more_than_20_decimals_refused(example_dict, raw, shown):
    text = with_raw(example_dict, "budget.staff[2].fte", raw)
    shown = shown or raw.strip('"')
    assert errors_of_text(text) == [f'budget.staff[2].fte: at most 20 decimals, got "{shown}"']


@pytest.mark.parametrize("raw", ['"0.00000000000000000001"', "1e-20", "0.30000000000000004", "1e1"])
def test_up_to_20_decimals_accepted(example_dict, raw):
    assert loads(with_raw(example_dict, "budget.staff[2].fte", raw)).budget.staff[2].fte > 0


def test_decimals_limit_applies_to_amounts_too(example_dict):
    text = with_raw(example_dict, "budget.baseline.rows[0].yearly.2015", "2.5e-30")
    assert errors_of_text(text) == ['budget.baseline.rows[0].yearly.2015: at most 20 decimals, got "2.5E-30"']


SURROGATE_MESSAGE = "must be valid Unicode text, it has a lone surrogate (\\ud800–\\udfff)"


@pytest.mark.parametrize("place", ["title", "sections.background", "budget.staff[0].party",
                                   "budget.baseline.rows[2].label", "signatories[0].name"])
def test_lone_surrogate_in_text_refused(example_dict, place):
    """JSON may spell "\\ud800"; such text cannot be written as UTF-8 (DOCX, database, terminal)."""
    edit(example_dict, place, "A\ud800B")
    assert errors_of(example_dict) == [f"{place}: {SURROGATE_MESSAGE}"]


def test_messages_never_carry_a_lone_surrogate(example_dict):
    edit(example_dict, "budget.proration", "day\udc80")
    edit(example_dict, "x\ud83d", 1)
    errors = errors_of(example_dict)
    assert sorted(errors) == sorted(["x\\ud83d: unknown key",
                                     'budget.proration: must be one of "half_month", "day", "month", '
                                     'got "day\\udc80"'])
    for error in errors:
        error.encode("utf-8")  # raises on a surrogate


def test_text_with_emoji_and_swedish_letters_is_kept(example_dict):
    title = "Åtgärd \U0001f468\u200d\U0001f469\u200d\U0001f467 för familjen"  # pairs in JSON, kept
    app = loads(json.dumps(edit(example_dict, "title", title)))
    assert app.title == title
    assert len(fingerprint(app)) == 12


def test_duplicate_baseline_labels_refused(example_dict):
    """Baseline rows are matched by label: a second "Utvärdering" was carried over with the first's
    total in place of its own."""
    edit(example_dict, "budget.baseline.rows[1].label", "Utvärdering")
    assert errors_of(example_dict) == [
        'budget.baseline.rows[3].label: must be unique, "Utvärdering" is also budget.baseline.rows[1].label']


def test_other_cost_named_like_a_party_refused(example_dict):
    """Two rows "Kristianstads kommun" would each subtract its baseline row: counted twice."""
    edit(example_dict, "budget.other_costs", [
        {"label": "Lokaler", "yearly": {"2018": "1000"}},
        {"label": "Kristianstads kommun", "yearly": {"2018": "1000"}},
    ])
    assert errors_of(example_dict) == [
        'budget.other_costs[1].label: must differ from the staff parties\' names, got "Kristianstads kommun"']


@pytest.mark.parametrize("label", ["Vårdcentralen Vilan", "Lokaler"])
def test_overhead_named_like_another_row_refused(example_dict, label):
    edit(example_dict, "budget.other_costs", [{"label": "Lokaler", "yearly": {"2018": "1000"}}])
    edit(example_dict, "budget.overhead", {"label": label, "rate": "0.1"})
    assert errors_of(example_dict) == [
        f'budget.overhead.label: must differ from the parties\' and other costs\' labels, got "{label}"']


def test_other_costs_sharing_a_label_are_fine(example_dict):
    """They make one merged row."""
    edit(example_dict, "budget.other_costs", [{"label": "Lokaler", "yearly": {"2018": "1000"}},
                                              {"label": "Lokaler", "yearly": {"2019": "500"}}])
    edit(example_dict, "budget.overhead", {"label": "Indirekta kostnader", "rate": "0.1"})
    assert len(loads(json.dumps(example_dict)).budget.other_costs) == 2


def test_duplicate_json_key_refused(example_dict):
    text = json.dumps(example_dict).replace('"fte": "0.6"', '"fte": "0.6", "fte": "-1"', 1)
    assert errors_of_text(text) == ['(file): not valid JSON: the key "fte" appears twice in one object']


@pytest.mark.parametrize("place, value", [("period.start", "0999-12-01"), ("period.start", "1899-12-31")])
def test_dates_before_1900_refused(example_dict, place, value):
    """Year 999 became a column "999", sorted after "1000"."""
    edit(example_dict, place, value)
    assert errors_of(example_dict) == [f'{place}: must be a date from 1900 on, got "{value}"']
