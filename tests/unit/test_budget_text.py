"""The terminal table of the budget command (builder.budget_text), without an app."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest

from builder.budget import EffectItem, EffectScenario, compute_budget, compute_effects
from builder.budget_text import render_table

from .factories import budget, d, staff, yearly


def text_for(baseline=None, label="Ursprunglig budget", effects=None):
    plan = budget(staff(party="Kommunen", salary="1000"), proration="month",
                  other=[("Resor", yearly(y2019="1500"))], baseline=baseline)
    if plan.baseline is not None:
        plan = replace(plan, baseline=replace(plan.baseline, label=label))
    table = compute_budget(plan)
    results = compute_effects(effects, table.total) if effects else None
    return render_table("Projektet", table, "sv", results).splitlines()


def test_without_baseline_no_change_column_and_no_sentence():
    lines = text_for()
    assert lines[:2] == ["Projektet", ""]
    assert re.fullmatch(r"Budget \(kr\)\s+2019\s+Summa", lines[2])
    assert re.fullmatch(r"Kommunen\s+12 000\s+12 000", lines[3])
    assert re.fullmatch(r"Resor\s+1 500\s+1 500", lines[4])
    assert re.fullmatch(r"Totalt\s+13 500\s+13 500", lines[5])
    assert len(lines) == 6


# Kommunen (12 000) replaces its baseline row; Resor (1 500) has none, so its change is +1 500.
# The sentence is about the total change; the revised total is always 13 500.
@pytest.mark.parametrize("before, change, total_change, sentence", [
    ("20000", "-8 000", "-6 500", "Budgeten minskar med 6 500 kr jämfört med Ursprunglig budget (20 000 kr)."),
    ("13500", "-1 500", "0", "Budgeten är oförändrad jämfört med Ursprunglig budget (13 500 kr)."),
    ("2000", "+10 000", "+11 500", "Budgeten ökar med 11 500 kr jämfört med Ursprunglig budget (2 000 kr)."),
])
def test_change_per_row_and_sentence(before, change, total_change, sentence):
    lines = text_for(baseline=[("Kommunen", yearly(y2018=before))])
    assert re.fullmatch(r"Budget \(kr\)\s+2019\s+Summa\s+Förändring", lines[2])
    assert re.fullmatch(rf"Kommunen\s+12 000\s+12 000\s+{re.escape(change)}", lines[3])
    assert re.fullmatch(r"Resor\s+1 500\s+1 500\s+\+1 500", lines[4])
    assert re.fullmatch(rf"Totalt\s+13 500\s+13 500\s+{re.escape(total_change)}", lines[5])
    assert lines[6:] == ["", sentence + " Reviderad total budget: 13 500 kr."]


def test_sentence_uses_the_total_delta_and_a_default_baseline_name():
    lines = text_for(baseline=[("Kommunen", yearly(y2018="20000")), ("Gammal rad", yearly(y2017="500"))],
                     label="")
    # delta −8 000 + 1 500 = −6 500; baseline 20 500; revised 14 000
    assert ("Budgeten minskar med 6 500 kr jämfört med den beviljade budgeten (20 500 kr). "
            "Reviderad total budget: 14 000 kr.") in lines
    assert "Oförändrat från den beviljade budgeten: Gammal rad (500 kr)." in lines


def test_effects_block():
    scenario = EffectScenario("Färre placeringar", (EffectItem("HVB", d(1), d(1000), d(2)),))
    lines = text_for(effects=[scenario])
    start = lines.index("Effekter: Färre placeringar")
    assert [line.split() for line in lines[start + 1:]] == [
        ["kr"], ["HVB", "61", "000"], ["Summa", "61", "000"], ["Kostnad", "13", "500"], ["Netto", "47", "500"]]


def test_the_change_sentence_is_one_wording_for_terminal_web_and_docx():
    """builder/budget_text.change_sentence is the one sentence: the web page and the DOCX pass their kr format."""
    from builder.budget import compute_budget
    from builder.budget_text import change_sentence
    from builder.formatting import kr
    from tests.unit.docx_factories import application

    table = compute_budget(application().budget)
    assert change_sentence(table, "sv") == ("Budgeten ökar med 1 601 327 kr jämfört med Ursprunglig budget "
                                            "(3 817 840 kr). Reviderad total budget: 5 419 167 kr.")
    assert change_sentence(table, "sv", kr=lambda v: kr(v, "sv")) == (
        "Budgeten ökar med 1\xa0601\xa0327\xa0kr jämfört med Ursprunglig budget (3\xa0817\xa0840\xa0kr). "
        "Reviderad total budget: 5\xa0419\xa0167\xa0kr.")
    assert change_sentence(table, "en") == ("The budget increases by 1,601,327 kr compared with Ursprunglig budget "
                                            "(3,817,840 kr). Revised total budget: 5,419,167 kr.")
