"""The portfolio page, the case box's national registration and both frame warnings in the browser: what a
reviewer of the association sees, with no serious axe-core violation (screenshots in instance/e2e-shots/)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from .helpers import login, shot
from .test_accessibility import serious_violations


@pytest.fixture
def staff_page(browser):
    context = browser.new_context(bypass_csp=True, locale="sv-SE")  # axe-core is injected as a script tag
    yield context.new_page()
    context.close()


def _world(server, hela_doc):
    """Two submitted Hela Familjen cases of one association, one approved with reports; frames for 2017–18;
    a reviewer who works for the association; a styrelse meeting with the other case on its agenda."""
    from builder.associations.service import add_member, ensure_association
    from builder.cases import service as cases
    from builder.extensions import db
    from builder.followup.models import OutcomeRow, PeriodReport
    from builder.models import Application, Association, BudgetFrame, User
    from builder.review.service import apply_transition

    owner_email, reviewer_email = server.user("applicant"), server.user("reviewer")
    first = server.application(owner_email, hela_doc)
    second = server.application(owner_email, {**hela_doc, "title": "Andra insatsen"})
    with server.app.app_context():
        owner = db.session.scalar(db.select(User).filter_by(email=owner_email))
        reviewer = db.session.scalar(db.select(User).filter_by(email=reviewer_email))
        applications = [db.session.get(Application, i) for i in (first, second)]
        # An association of this test's own: the e2e server is shared, and other tests approve applications
        # in the test association, which would change this one's commitments and remaining frame.
        own = ensure_association(f"Portföljförbundet {owner_email}")
        for application in applications:
            application.association_id = own.id
            application.set_doc({**application.doc, "association": own.name})
            db.session.commit()
            apply_transition(application, "submit", owner)
        association_id = own.id
        add_member(db.session.get(Association, association_id), reviewer)
        for year, amount in ((2017, 1_500_000), (2018, 3_000_000)):
            if not db.session.scalar(db.select(BudgetFrame).filter_by(association_id=association_id, year=year)):
                db.session.add(BudgetFrame(association_id=association_id, year=year, amount=amount))
        db.session.commit()
        apply_transition(applications[0], "approve", reviewer, "", {"date": date.today(), "body": "Styrelsen",
                                                                      "approved_total": None})
        report = PeriodReport(application_id=first, association_id=association_id, year=2018,
                              period_end=date(2018, 4, 30), status="submitted", started_women=4, started_men=3)
        report.rows = [OutcomeRow(row_key="staff:0", amount=412_000)]
        db.session.add(report)
        db.session.commit()
        meeting = cases.create_meeting("styrelse", cases.today() + timedelta(days=14), "Stadshuset", reviewer,
                                       association_id=association_id)
        cases.add_to_agenda(meeting, applications[1], reviewer)
        return association_id, first, second, meeting.id, reviewer_email


def test_portfolio_case_box_and_frame_warnings_in_the_browser(staff_page, server, hela_doc):
    association_id, first, second, meeting_id, reviewer = _world(server, hela_doc)
    page = staff_page
    login(page, server, reviewer)
    page.goto(f"{server.url}/associations/{association_id}/portfolio/2018")
    assert page.locator("#remaining").inner_text().replace("\u00a0", " ") == "609 864 kr"
    assert page.locator("#outcome").inner_text().replace("\u00a0", " ") == "412 000 kr"
    assert serious_violations(page) == []
    shot(page, "portfolio-2018")
    page.goto(f"{server.url}/meetings/{meeting_id}")
    warning = page.locator(".frame-warning").inner_text().replace("\u00a0", " ")
    assert "Ramen för 2018 räcker inte: kvar av ramen är 609 864 kr" in warning
    assert "Ingen ram är satt för 2019" in warning
    assert serious_violations(page) == []
    shot(page, "meeting-frame-warning")
    page.goto(f"{server.url}/applications/{first}")  # reported: the focus is fixed
    assert page.locator("#focus").is_disabled()
    page.goto(f"{server.url}/applications/{second}")
    page.locator("summary", has_text="Ändra ärendeuppgifter").click()
    shot(page, "case-data-form")
    page.select_option("#focus", "individ")
    page.fill("#target_group", "Familjer med barn 0–18 år")
    page.fill("#planned_2018", "35")
    page.get_by_role("button", name="Spara ärendeuppgifter").click()
    assert page.locator("#national-focus").inner_text() == "Individinriktad"
    assert "2018: 35" in page.locator("#national-planned").inner_text()
    assert serious_violations(page) == []
    shot(page, "case-national-registration")
    page.goto(f"{server.url}/applications/{second}")
    assert "Ramen för 2017 räcker inte" in page.locator(".frame-warning").inner_text()
    shot(page, "approve-frame-warning")
