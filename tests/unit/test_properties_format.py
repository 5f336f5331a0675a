"""The JSON format round-trips, and the fingerprint depends on content only."""
from __future__ import annotations

import json

from hypothesis import given, settings

from builder.appformat import dumps, fingerprint, from_dict, loads

from .format_helpers import edit
from .strategies import application_dicts


@settings(max_examples=80, deadline=None)
@given(application_dicts())
def test_loads_dumps_round_trip(data):
    app = from_dict(data)
    text = dumps(app)
    again = loads(text)
    assert again == app
    assert fingerprint(again) == fingerprint(app)
    assert dumps(again) == text


def test_round_trip_of_the_example(example_app):
    again = loads(dumps(example_app))
    assert again == example_app
    assert fingerprint(again) == fingerprint(example_app)


def test_fingerprint_ignores_key_order_and_spacing(example_dict):
    shuffled = json.dumps(dict(reversed(list(example_dict.items()))), indent=7)
    assert fingerprint(loads(shuffled)) == fingerprint(loads(json.dumps(example_dict)))


def test_fingerprint_changes_with_any_figure(example_dict):
    before = fingerprint(loads(json.dumps(example_dict)))
    after = fingerprint(loads(json.dumps(edit(example_dict, "budget.staff[2].fte", "0.7"))))
    assert len(before) == len(after) == 12
    assert before != after


def test_dump_keeps_decimal_text_as_written(example_dict):
    edit(example_dict, "budget.staff[0].fte", "2.50")
    dumped = json.loads(dumps(from_dict(example_dict)))
    assert dumped["budget"]["staff"][0]["fte"] == "2.50"
    assert dumped["budget"]["default_social_fee_rate"] == "0.40"
