"""Helpers for the follow-up tests: an approved application (submitted, then approved), a report opened."""
from __future__ import annotations

from datetime import date

from builder.extensions import db
from builder.followup.models import PeriodReport
from builder.models import Application
from tests.web.cases_support import act, as_, sample_doc, submit


def approved_application(app, client, people, make_application, doc: dict | None = None) -> int:
    """The sample application submitted by the lead and approved by a reviewer (the workflow's own route)."""
    app_id = make_application(people["applicant"][0], doc or sample_doc())
    submit(client, people["applicant"], app_id)
    as_(client, people["reviewer"])
    response = act(client, app_id, "approve", decision_date="2017-05-20", decision_body="Förbundsstyrelsen",
                   approved_total="")
    assert response.status_code == 302, response.text[:800]
    with app.app_context():
        assert db.session.get(Application, app_id).status == "approved"
    return app_id


def open_report(client, app_id: int, period_end: date) -> int:
    response = client.post(f"/applications/{app_id}/followup/reports", data={"period_end": period_end.isoformat()})
    assert response.status_code == 303, response.text[:800]
    return int(response.location.rstrip("/").split("/")[-1])


def lock(app, report_id: int) -> str:
    with app.app_context():
        return str(db.session.get(PeriodReport, report_id).lock_version)


def report(app, report_id: int) -> PeriodReport:
    return db.session.get(PeriodReport, report_id)
