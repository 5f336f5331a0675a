"""Loader checks added while testing: each case here was accepted or misreported before."""
from __future__ import annotations

import pytest

from builder.appformat import fingerprint, loads

from .format_helpers import edit, errors_of, errors_of_text, with_raw


def test_null_period_is_refused(example_dict):
    edit(example_dict, "period", None)
    assert errors_of(example_dict) == ["period: must be an object, got null"]
