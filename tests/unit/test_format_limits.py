"""Loader checks added while testing: each case here was accepted or misreported before."""
from __future__ import annotations

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
