"""A signed-ready export is refused with a clear list of what is missing; a draft is always possible."""
from __future__ import annotations

import pytest

from builder.docx import ExportRefused, render_application_docx, signing_problems
from tests.unit.docx_factories import application, export, hela_dict, minimal_dict, open_docx


def test_hela_familjen_is_ready_for_signing():
    assert signing_problems(application()) == []


def test_minimal_application_is_ready_for_signing():
    assert signing_problems(application(minimal_dict())) == []


def test_no_signatory():
    app = application(minimal_dict(signatories=[]))
    assert signing_problems(app) == ["Ingen undertecknare är angiven."]


def test_a_party_without_a_signatory_including_a_budget_party_not_listed():
    data = hela_dict()
    data["signatories"] = data["signatories"][:1]
    data["budget"]["staff"].append(dict(data["budget"]["staff"][0], party="Försäkringskassan"))
    assert signing_problems(application(data)) == [
        "Parten Vårdcentralen Vilan saknar undertecknare.",
        "Parten Vårdcentralen Östermalm saknar undertecknare.",
        "Parten Försäkringskassan saknar undertecknare.",
    ]


@pytest.mark.parametrize("key, heading", [
    ("background", "Bakgrund/problembeskrivning"),
    ("target_group", "Målgrupp"),
    ("goals", "Resultat och effektmål"),
    ("activities", "Aktiviteter"),
])
def test_each_required_section(key, heading):
    data = hela_dict()
    data["sections"][key] = " \n\t\n "
    assert signing_problems(application(data)) == [f"Avsnittet ”{heading}” är tomt."]
    del data["sections"][key]
    assert signing_problems(application(data)) == [f"Avsnittet ”{heading}” är tomt."]


def test_optional_sections_may_be_empty():
    data = hela_dict()
    for key in ("process", "child_rights", "timeline", "owner", "steering_group", "follow_up",
                "implementation", "other"):
        del data["sections"][key]
    assert signing_problems(application(data)) == []


def test_a_budget_with_no_rows():
    data = minimal_dict()
    data["budget"] = {}
    assert signing_problems(application(data)) == ["Budgeten har inga rader."]


def test_everything_missing_is_listed_at_once():
    data = minimal_dict(sections={}, signatories=[], budget={})
    assert signing_problems(application(data)) == [
        "Avsnittet ”Bakgrund/problembeskrivning” är tomt.",
        "Avsnittet ”Målgrupp” är tomt.",
        "Avsnittet ”Resultat och effektmål” är tomt.",
        "Avsnittet ”Aktiviteter” är tomt.",
        "Budgeten har inga rader.",
        "Ingen undertecknare är angiven.",
    ]


def test_problems_in_english_for_an_english_application():
    data = minimal_dict(language="en", signatories=[])
    del data["sections"]["goals"]
    assert signing_problems(application(data)) == [
        "The section “Results and impact goals” is empty.",
        "No signatory is given.",
    ]


def test_render_refuses_with_the_problem_list():
    app = application(minimal_dict(signatories=[]))
    with pytest.raises(ExportRefused) as caught:
        render_application_docx(app)
    assert caught.value.problems == ["Ingen undertecknare är angiven."]
    assert isinstance(caught.value, ValueError)


def test_draft_exports_anyway_and_is_marked():
    app = application(minimal_dict(sections={}, signatories=[], budget={}))
    document = open_docx(export(app, draft=True))
    assert document.sections[0].header.paragraphs[0].text == "UTKAST – inte för underskrift"
    assert document.paragraphs[0].text == "UTKAST – Ansökan om medel för Testprojekt"
    assert all(not p.text.startswith("Underskrifter") for p in document.paragraphs)
