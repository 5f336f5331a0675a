"""Follow-up in the browser: the project lead opens the first period's report from the approved application,
types the outcome per row the Swedish way, the participants and an answer, submits; the reviewer approves."""
from __future__ import annotations

from playwright.sync_api import expect

from .helpers import login, shot


def _approved(server, owner: str, reviewer: str, doc: dict) -> int:
    """Submitted by the lead and approved by the reviewer through the workflow service (a version is frozen).
    The application belongs to an association of its own (the shared server's other tests count the example
    association's commitments), and the reviewer works for it."""
    from builder.associations.service import add_member, ensure_association
    from builder.extensions import db
    from builder.models import Application, User
    from builder.review.service import apply_transition

    with server.app.app_context():
        doc["association"] = ensure_association(f"Uppföljningsförbundet {owner}").name
        db.session.commit()
    app_id = server.application(owner, doc)
    with server.app.app_context():
        application = db.session.get(Application, app_id)
        lead = db.session.execute(db.select(User).filter_by(email=owner)).scalar_one()
        staff = db.session.execute(db.select(User).filter_by(email=reviewer)).scalar_one()
        add_member(ensure_association(doc["association"]), staff)
        assert application.association_id == ensure_association(doc["association"]).id
        apply_transition(application, "submit", lead)
        apply_transition(application, "approve", staff, decision={"date": None, "body": "Förbundsstyrelsen",
                                                                   "approved_total": None})
    return app_id


def test_lead_reports_a_period_and_the_reviewer_approves(browser, server, hela_doc):
    owner, reviewer = server.user("applicant"), server.user("reviewer")
    hela_doc["title"] += f" ({owner})"
    app_id = _approved(server, owner, reviewer, hela_doc)
    lead = browser.new_context(locale="sv-SE").new_page()
    login(lead, server, owner)
    lead.goto(f"{server.url}/applications/{app_id}")
    lead.get_by_role("link", name="Uppföljning och rapporter").click()
    expect(lead.locator("main")).to_contain_text("Delårsrapport 2017")
    lead.get_by_role("button", name="Påbörja rapporten 31 augusti 2017").click()
    lead.wait_for_load_state()
    expect(lead.locator("h1")).to_contain_text("Delårsrapport 2017")
    amounts = ["120 000", "60 500", "36 000", "25 000", "4 000", "3 800"]
    for n, amount in enumerate(amounts, 1):
        lead.get_by_label(f"Utfall perioden, rad {n},", exact=False).fill(amount)
    lead.get_by_label("Prognos för året, rad 1,", exact=False).fill("1 000 000")
    lead.get_by_label("Påbörjat under perioden: Kvinnor").fill("4")
    lead.get_by_label("Påbörjat under perioden: Män").fill("2")
    lead.get_by_label("Hur har arbetet gått under perioden?").fill("Sex familjer har börjat.")
    lead.get_by_role("button", name="Spara", exact=True).click()
    lead.wait_for_load_state()
    expect(lead.locator("main")).to_contain_text("Rapporten är sparad.")
    expect(lead.locator("tfoot")).to_contain_text("249\xa0300 kr")  # the sum of the six outcomes
    shot(lead, "followup-01-saved")
    lead.get_by_role("button", name="Spara och skicka in").click()
    lead.wait_for_load_state()
    expect(lead.locator("#report-status")).to_have_text("Inskickad")
    report_url = lead.url.split("#")[0]

    staff = browser.new_context(locale="sv-SE").new_page()
    login(staff, server, reviewer)
    staff.goto(report_url)
    expect(staff.locator("main")).to_contain_text("Sex familjer har börjat.")
    staff.get_by_role("button", name="Godkänn rapporten").click()
    staff.wait_for_load_state()
    expect(staff.locator("#report-status")).to_have_text("Godkänd")
    shot(staff, "followup-02-approved")
    staff.goto(f"{server.url}/applications/{app_id}/followup")
    expect(staff.locator("main")).to_contain_text("249\xa0300 kr")  # the 2017 outcome, now counted
    expect(staff.locator("main")).to_contain_text("Godkänd")


def test_follow_up_pages_have_no_serious_accessibility_violation(browser, server, hela_doc):
    """axe-core on the overview and on a report with refused input (messages at the fields)."""
    from .test_accessibility import serious_violations

    owner, reviewer = server.user("applicant"), server.user("reviewer")
    hela_doc["title"] += f" ({owner})"
    app_id = _approved(server, owner, reviewer, hela_doc)
    context = browser.new_context(bypass_csp=True, locale="sv-SE")
    page = context.new_page()
    login(page, server, owner)
    page.goto(f"{server.url}/applications/{app_id}/followup")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Påbörja rapporten 31 december 2017").click()
    page.wait_for_load_state()
    page.get_by_label("Utfall perioden, rad 2,", exact=False).fill("12 x")
    page.get_by_role("button", name="Spara", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator("#error-summary")).to_contain_text("Skriv ett belopp i kronor")
    expect(page.get_by_label("Utfall perioden, rad 2,", exact=False)).to_have_value("12 x")
    assert serious_violations(page) == []
    context.close()
