"""Period report notices against the SMTP server on loopback: a submitted report to the reviewers, a change
request and an approval to the project, each in the recipient's language, never to the one who acted."""
from __future__ import annotations

import pytest

from builder.extensions import db
from builder.models import User
from tests.web.cases_support import as_
from tests.web.followup_support import approved_application, lock, open_report
from tests.web.test_followup import AUGUST, KEYS


@pytest.fixture
def app(mail_app):
    return mail_app


@pytest.fixture
def people(make_user):
    return {role: make_user(role) for role in ("applicant", "reviewer")}


def _bare(text: str) -> str:
    return "".join(text.split())


def _submit(app, client, app_id, report_id):
    data = {f"amount-{k.replace(':', '-')}": "1 000" for k in KEYS}
    response = client.post(f"/applications/{app_id}/reports/{report_id}",
                           data={"lock_version": lock(app, report_id), "action": "submit", **data})
    assert response.status_code == 303


def test_report_notices(app, client, people, make_application, outbox):
    app_id = approved_application(app, client, people, make_application)
    with app.app_context():
        db.session.get(User, people["applicant"][0]).language = "en"
        db.session.commit()
        title = "Hela Familjen – utökning av försöksverksamhet"
    lead, reviewer = people["applicant"][1], people["reviewer"][1]
    outbox.clear()
    as_(client, people["applicant"])
    report_id = open_report(client, app_id, AUGUST)
    _submit(app, client, app_id, report_id)
    notice, = outbox.wait_for(reviewer)
    assert _bare(notice.subject) == _bare(f"Rapport att granska: Delårsrapport 2017, {title}")
    assert f"/applications/{app_id}/reports/{report_id}" in notice.link(f"/reports/{report_id}")
    assert "perioden till 31 augusti 2017" in notice.body
    assert outbox.to(lead) == []  # the one who acted is not told
    as_(client, people["reviewer"])
    client.post(f"/applications/{app_id}/reports/{report_id}/request-changes",
                data={"lock_version": lock(app, report_id), "comment": "Lönerna saknar underlag."})
    changes, = outbox.wait_for(lead)
    # (a folded encoded-word header may move a space when read back: compared without spaces)
    assert _bare(changes.subject) == _bare(f"Changes requested in the report: Interim report 2017, {title}")
    assert "Lönerna saknar underlag." in changes.body and "31 August 2017" in changes.body
    as_(client, people["applicant"])
    _submit(app, client, app_id, report_id)
    outbox.wait_for(reviewer, count=2)
    as_(client, people["reviewer"])
    client.post(f"/applications/{app_id}/reports/{report_id}/approve", data={"lock_version": lock(app, report_id)})
    approved = outbox.wait_for(lead, count=2)[-1]
    assert _bare(approved.subject) == _bare(f"Report approved: Interim report 2017, {title}")
    assert len(outbox.to(reviewer)) == 2
