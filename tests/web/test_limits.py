"""One set of limits (builder/appformat/limits.py) for the import and the wizard's forms.

Each list at its limit imports and its wizard step opens and saves; one row more is refused on import
with a Swedish message, and a draft stored with more (saved before the limits were one) opens without
a 500 and refuses to save rather than lose rows. Issue 14 item 9: these were 500s.
"""
from __future__ import annotations

import html
import io
import json

import pytest

from builder.appformat import limits
from builder.extensions import db
from builder.models import Application
from tests.web.drafts import with_base
from tests.web.fuzz_support import form_of_step


def _parties(doc, n):
    doc["parties"] = [{"name": f"Part {i}", "kind": "other"} for i in range(n)]


def _risks(doc, n):
    doc["risks"] = [{"area": f"Område {i}", "description": "Risk", "likelihood": "2", "consequence": "3"}
                    for i in range(n)]


def _signatories(doc, n):
    doc["signatories"] = [{"party": "Kristianstads kommun", "name": f"Person {i}"} for i in range(n)]


def _other_costs(doc, n):
    doc["budget"]["other_costs"] = [{"label": f"Kostnad {i}", "yearly": {"2018": "100"}} for i in range(n)]


def _scenarios(doc, n):
    item = {"label": "Familjer", "persons": "1", "cost_per_day": "100", "months": "1"}
    doc["effects"] = [{"label": f"Scenario {i}", "items": [item]} for i in range(n)]


def _effect_items(doc, n):
    doc["effects"] = [{"label": "Scenario", "items": [
        {"label": f"Insats {i}", "persons": "1", "cost_per_day": "100", "months": "1"} for i in range(n)]}]


def _baseline_rows(doc, n):
    doc["budget"]["baseline"]["rows"] = [{"label": f"Rad {i}", "yearly": {"2015": "100"}} for i in range(n)]


def _baseline_years(doc, n):
    doc["budget"]["baseline"]["rows"] = [{"label": "Rad", "yearly": {str(2000 + i): "100" for i in range(n)}}]


# (name, how to fill the list, the limit, the step that shows it, the Swedish message one row over)
CASES = [
    ("parties", _parties, limits.MAX_PARTIES, "parties", "Parter (parties): högst 50 rader, inte 51"),
    ("risks", _risks, limits.MAX_RISKS, "risks", "Risker (risks): högst 100 rader, inte 101"),
    ("signatories", _signatories, limits.MAX_SIGNATORIES, "signatories",
     "Firmatecknare (signatories): högst 50 rader, inte 51"),
    ("other costs", _other_costs, limits.MAX_OTHER_COSTS, "budget",
     "Budget, övriga kostnader (budget.other_costs): högst 100 rader, inte 101"),
    ("scenarios", _scenarios, limits.MAX_SCENARIOS, "goals", "Effektscenarier (effects): högst 20 rader, inte 21"),
    ("effect items", _effect_items, limits.MAX_EFFECT_ITEMS, "goals",
     "Scenario 1, insatser (effects[0].items): högst 50 rader, inte 51"),
    ("baseline rows", _baseline_rows, limits.MAX_BASELINE_ROWS, "budget",
     "Budget, tidigare beviljad budget, rader (budget.baseline.rows): högst 100 rader, inte 101"),
    ("baseline years", _baseline_years, limits.MAX_YEAR_COLUMNS, "budget",
     "Budget, tidigare beviljad budget, rader (budget.baseline.rows): tabellen får omfatta högst 20 år"),
]
IDS = [case[0] for case in CASES]


def upload(client, doc: dict):
    data = {"file": (io.BytesIO(json.dumps(doc).encode()), "ansokan.json")}
    return client.post("/applications/import", data=data, content_type="multipart/form-data")


def stored(app, app_id: int) -> dict:
    with app.app_context():
        return db.session.get(Application, app_id).doc


def count(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(Application))


@pytest.mark.parametrize("name, fill, limit, step, _message", CASES, ids=IDS)
def test_a_list_at_its_limit_imports_and_its_step_opens_and_saves(client, app, login_as, hela_doc,
                                                                 name, fill, limit, step, _message):
    login_as("applicant")
    fill(hela_doc, limit)
    response = upload(client, hela_doc)
    assert response.status_code == 302, html.unescape(response.text)[-2000:]
    app_id = int(response.location.rstrip("/").rsplit("/", 1)[-1])
    before = stored(app, app_id)
    page = client.get(f"/applications/{app_id}/steps/{step}")
    assert page.status_code == 200
    data = with_base(client, app_id, {**form_of_step(app, step, before), "save": "1"})
    saved = client.post(f"/applications/{app_id}/steps/{step}", data=data)
    assert saved.status_code == 303, html.unescape(saved.text)[-3000:]
    after = stored(app, app_id)
    assert _rows(after, name) == _rows(before, name) and len(_rows(after, name)) == limit


def _rows(doc: dict, name: str) -> list:
    return {"parties": lambda: doc["parties"], "risks": lambda: doc["risks"],
            "signatories": lambda: doc["signatories"], "other costs": lambda: doc["budget"]["other_costs"],
            "scenarios": lambda: doc["effects"], "effect items": lambda: doc["effects"][0]["items"],
            "baseline rows": lambda: doc["budget"]["baseline"]["rows"],
            "baseline years": lambda: list(doc["budget"]["baseline"]["rows"][0]["yearly"])}[name]()


@pytest.mark.parametrize("name, fill, limit, step, message", CASES, ids=IDS)
def test_one_row_over_the_limit_is_refused_on_import_in_swedish(client, app, login_as, hela_doc,
                                                                 name, fill, limit, step, message):
    login_as("applicant")
    fill(hela_doc, limit + 1)
    response = upload(client, hela_doc)
    assert response.status_code == 422
    assert message in html.unescape(response.text)
    assert count(app) == 0


def test_a_41_year_baseline_is_refused_on_import(client, app, login_as, hela_doc):
    login_as("applicant")
    _baseline_years(hela_doc, 41)
    response = upload(client, hela_doc)
    assert response.status_code == 422
    assert "tabellen får omfatta högst 20 år" in html.unescape(response.text)
    assert count(app) == 0


@pytest.mark.parametrize("name, fill, limit, step, _message", CASES, ids=IDS)
def test_a_stored_draft_over_the_limit_opens_and_refuses_to_lose_rows(client, app, login_as, make_application,
                                                                      hela_doc, name, fill, limit, step, _message):
    """A draft stored with more rows than the form holds (the model allows it): no 500, nothing lost."""
    user_id, _ = login_as("applicant")
    fill(hela_doc, limit + 1)
    app_id = make_application(user_id, hela_doc)
    before = stored(app, app_id)
    assert client.get(f"/applications/{app_id}/steps/{step}").status_code == 200
    data = with_base(client, app_id, {**form_of_step(app, step, before), "save": "1"})
    response = client.post(f"/applications/{app_id}/steps/{step}", data=data)
    assert response.status_code == 303  # kept as typed, shown again with its message
    page = html.unescape(client.get(f"/applications/{app_id}/steps/{step}").text)
    # a baseline of too many years is refused by the year fields first (one amount input per year)
    assert ("Högst 20 år." if name == "baseline years" else "formuläret rymmer högst") in page
    assert stored(app, app_id) == before


# The same edges typed into the wizard: what a field accepts the format stores, one more is refused at the field.

@pytest.mark.parametrize("typed, stored_fte, message", [
    ("0," + "1" * limits.MAX_DECIMALS, "0." + "1" * limits.MAX_DECIMALS, None),
    ("0," + "1" * (limits.MAX_DECIMALS + 1), None, "Skriv högst 20 decimaler."),
    ("10", "10", None),
    ("10,000001", None, "Skriv en tjänstgöringsgrad större än 0 och högst 10."),
])
def test_a_typed_fte_at_the_edges(client, app, login_as, make_application, hela_doc, typed, stored_fte, message):
    user_id, _ = login_as("applicant")
    app_id = make_application(user_id, hela_doc)
    data = with_base(client, app_id, {**form_of_step(app, "budget", stored(app, app_id)), "staff-0-fte": typed,
                                      "save": "1"})
    response = client.post(f"/applications/{app_id}/steps/budget", data=data)
    assert response.status_code == 303  # saved, or kept as typed and shown again with its message
    if message is None:
        assert "error-message" not in client.get(f"/applications/{app_id}/steps/budget").text
        assert stored(app, app_id)["budget"]["staff"][0]["fte"] == stored_fte
    else:
        assert message in html.unescape(client.get(response.location).text)
        assert stored(app, app_id)["budget"]["staff"][0]["fte"] == hela_doc["budget"]["staff"][0]["fte"]


@pytest.mark.parametrize("start, end, message", [
    ("2090-01-01", "2100-12-31", None),
    ("2090-01-01", "2101-01-01", "Ange ett datum till och med år 2100."),
    ("1899-01-01", "1899-12-31", "Ange ett datum från år 1900 eller senare."),
])
def test_a_typed_date_at_the_edges_of_the_formats_years(client, app, login_as, make_application, hela_doc, start,
                                                        end, message):
    user_id, _ = login_as("applicant")
    app_id = make_application(user_id, hela_doc)
    data = with_base(client, app_id, {**form_of_step(app, "project", stored(app, app_id)), "period_start": start,
                                      "period_end": end, "save": "1"})
    response = client.post(f"/applications/{app_id}/steps/project", data=data)
    assert response.status_code == 303  # saved, or kept as typed and shown again with its message
    if message is None:
        assert "error-message" not in client.get(f"/applications/{app_id}/steps/project").text
        assert stored(app, app_id)["period"] == {"start": start, "end": end}
    else:
        assert message in html.unescape(client.get(response.location).text)
        assert stored(app, app_id)["period"] == hela_doc["period"]
