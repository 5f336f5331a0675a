"""builder/readiness.py: what is missing, by step; the wizard's ticks come from the same rules."""
from __future__ import annotations

import copy

import pytest

from builder import readiness

STEPS = ("project", "parties", "background", "goals", "timeline", "organisation", "risks", "budget", "signatories")


def test_the_example_is_complete_on_every_step(hela_doc):
    assert readiness.submission_gaps(hela_doc) == []
    assert readiness.incomplete_steps(hela_doc) == set()


def test_an_empty_draft_is_complete_on_no_step():
    assert readiness.incomplete_steps({}) == set(STEPS)


@pytest.mark.parametrize("change, step", [
    (lambda d: d["sections"].update(steering_group=" "), "organisation"),
    (lambda d: d["sections"].update(target_group=""), "background"),
    # a staff line's party counts as applying, so it also needs a signatory
    (lambda d: d["budget"]["staff"][0].update(party="Okänd part"), "budget signatories"),
    (lambda d: d.update(process_owner="Okänd part"), "parties"),
    (lambda d: d.update(risks=[]), "risks"),
    (lambda d: d.update(signatories=d["signatories"][:1]), "signatories"),
])
def test_a_gap_unticks_exactly_the_step_that_fixes_it(hela_doc, change, step):
    doc = copy.deepcopy(hela_doc)
    change(doc)
    assert readiness.incomplete_steps(doc) == set(step.split())
