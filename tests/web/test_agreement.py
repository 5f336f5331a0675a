"""The överenskommelse download on SQLite and PostgreSQL: after approval only, to staff, finance and members."""
from __future__ import annotations

from datetime import timedelta

import pytest

from builder.cases.documents import applied_by_year, figures
from builder.cases.models import AgendaItem
from builder.cases.service import today
from builder.extensions import db
from builder.formatting import kr
from tests.web.cases_support import add_to_agenda, application, as_, new_meeting, sample_doc, submit
from tests.web.test_cases import docx_text

YEAR = today().year


@pytest.fixture
def app(app_factory):
    return app_factory(CASE_NUMBER_PATTERN="SFSN {year}/{n}", DECISION_SIGNATORY="Fia Förbundschef")


@pytest.fixture
def people(make_user):
    return {role: make_user(role) for role in ("applicant", "reviewer", "finance")}


@pytest.fixture
def submitted(app, client, people, make_application):
    app_id = make_application(people["applicant"][0], sample_doc())
    submit(client, people["applicant"], app_id)
    return app_id


def _approve(app, client, people, app_id: int) -> dict[str, int]:
    """The styrelse approves the applied amount per year; returns that amount."""
    as_(client, people["reviewer"])
    with app.app_context():
        applied = applied_by_year(application(app, app_id).versions[-1].doc)
    meeting = new_meeting(client, "styrelse", (today() + timedelta(days=30)).isoformat(), "Stadshuset")
    assert add_to_agenda(client, meeting, app_id).status_code == 302
    with app.app_context():
        item = db.session.scalar(db.select(AgendaItem.id).where(AgendaItem.meeting_id == meeting,
                                                                 AgendaItem.application_id == app_id))
    data = {"decision": "approve", "paragraph": "§ 12", "decision_date": today().isoformat(), "version": "1",
            "conditions": "Styrgruppen möts varje kvartal.",
            **{f"amount_{year}": str(amount) for year, amount in applied.items()}}
    response = client.post(f"/meetings/{meeting}/agenda/{item}/decision",
                           data={f"item{item}-{k}": v for k, v in data.items()})
    assert response.status_code == 302, response.text[:1500]
    with app.app_context():
        assert application(app, app_id).status == "approved"
    return applied


def _k(amount: int) -> str:
    return kr(amount).replace("\xa0", " ")


def test_agreement_after_approval_for_members_staff_and_finance(app, client, people, submitted):
    as_(client, people["applicant"])
    assert client.get(f"/applications/{submitted}/agreement.docx").status_code == 404
    assert "agreement.docx" not in client.get(f"/applications/{submitted}").text
    applied = _approve(app, client, people, submitted)
    _validated, table = figures(sample_doc())
    assert table is not None and dict(table.yearly_totals) == applied
    for role in ("applicant", "reviewer", "finance"):
        as_(client, people[role])
        response = client.get(f"/applications/{submitted}/agreement.docx")
        assert response.status_code == 200, role
        assert response.mimetype.endswith("wordprocessingml.document")
        assert f'filename="Overenskommelse-SFSN-{YEAR}-1.docx"' in response.headers["Content-Disposition"]
    as_(client, people["applicant"])
    assert f"/applications/{submitted}/agreement.docx" in client.get(f"/applications/{submitted}").text
    text = docx_text(client.get(f"/applications/{submitted}/agreement.docx").data)
    assert f"Diarienummer: SFSN {YEAR}/1" in text and "§ 12" in text
    assert "Huvudman för insatsen är Kristianstads kommun." in text
    assert "Styrgruppen möts varje kvartal." in text and "självkostnadsprincipen" in text
    for year, amount in applied.items():
        assert year in text and _k(amount) in text
    for row in table.rows:
        assert row.label in text and _k(row.total) in text
        for amount in row.yearly.values():
            assert _k(amount) in text
    assert _k(table.total) in text
    for party in ("Samordningsförbundet Skåne Nordost", "Kristianstads kommun", "Vårdcentralen Vilan",
                  "Vårdcentralen Östermalm"):
        assert f"För {party}" in text
    assert "Fia Förbundschef" in text and "Slutrapport med utvärdering" in text
    assert "Beviljat belopp avviker" not in text


def test_agreement_is_404_for_another_applicant(app, client, people, make_user, submitted):
    _approve(app, client, people, submitted)
    as_(client, make_user("applicant"))
    assert client.get(f"/applications/{submitted}/agreement.docx").status_code == 404
    as_(client, people["applicant"])
    assert client.get(f"/applications/{submitted}/agreement.docx").status_code == 200
