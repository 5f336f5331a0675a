"""Pages fit a phone: nothing makes the page wider than the window (wide tables scroll in their own box)."""
from __future__ import annotations

import pytest

from .helpers import login, shot


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_is_wider_than_the_window(browser, server, hela_doc, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="sv-SE")
    page = context.new_page()
    email = server.user("applicant")
    app_id = server.application(email, hela_doc)
    login(page, server, email)
    submitted = server.application(email, hela_doc, status="submitted")
    paths = ["/applications", f"/applications/{app_id}", "/check-docx", f"/applications/{app_id}/delete",
             f"/applications/{submitted}/withdraw", "/tillganglighet", "/personuppgifter", "/hjalp",
             "/password/forgot", "/"]
    paths += [f"/applications/{app_id}/steps/{step}" for step in ("project", "parties", "risks", "budget", "review")]
    for path in paths:
        page.goto(server.url + path)
        scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll_width <= inner_width, f"{path} is {scroll_width} px wide in a {inner_width} px window"
    shot(page, f"layout-{width}-review")
    context.close()


def test_reviewer_and_finance_pages_fit_a_phone(browser, server, hela_doc):
    """The non-wizard pages staff use: list, application with the workflow panel, a version, a comparison."""
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="sv-SE")
    page = context.new_page()
    owner = server.user("applicant")
    app_id = server.application(owner, hela_doc)
    login(page, server, owner)
    page.goto(f"{server.url}/applications/{app_id}/steps/review")
    page.get_by_role("button", name="Skicka in ansökan").first.click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Logga ut").click()
    login(page, server, server.user("reviewer"))
    for path in ["/review", f"/applications/{app_id}", f"/applications/{app_id}/versions/1", "/applications"]:
        page.goto(server.url + path)
        scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll_width <= inner_width, f"{path} is {scroll_width} px wide in a {inner_width} px window"
    shot(page, "layout-390-reviewer")
    context.close()


def test_staff_table_is_one_card_per_line_on_a_phone(browser, server, hela_doc):
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="sv-SE")
    page = context.new_page()
    email = server.user("applicant")
    app_id = server.application(email, hela_doc)
    login(page, server, email)
    page.goto(f"{server.url}/applications/{app_id}/steps/budget")
    rows = page.locator("#staff-table tbody tr")
    assert rows.count() == len(hela_doc["budget"]["staff"])
    for i in range(rows.count()):
        box = rows.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box  # no sideways scrolling inside the table
    label = page.locator("label[for='staff-0-role']")
    assert label.is_visible() and label.inner_text() == "Roll, rad 1"  # each input has its label on the card
    page.locator("#staff-table").screenshot(path=str(shot_path("layout-390-staff-cards")))
    context.close()


def shot_path(name: str):
    from .helpers import SHOTS

    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS / f"{name}.png"


@pytest.mark.parametrize("width", [390, 1280])
def test_follow_up_and_portfolio_pages_fit_the_window(browser, server, hela_doc, width):
    """The pages of the follow-up walk (overview, a report with its comment form, the portfolio): the per-year
    table's long headings, the comment target's long row names and the portfolio sums (a frame exceeded) stay
    inside the window. The application has an association of its own: the shared one's sums stay as they were."""
    from datetime import date

    from builder.extensions import db
    from builder.followup.models import OutcomeRow, PeriodReport
    from builder.models import Application, BudgetFrame

    from .test_followup_journey import _approved

    owner, reviewer = server.user("applicant"), server.user("reviewer")
    first = _approved(server, owner, reviewer, hela_doc)
    with server.app.app_context():
        association_id = db.session.get(Application, first).association_id
        db.session.add(BudgetFrame(association_id=association_id, year=2018, amount=1_200_000))
        report = PeriodReport(application_id=first, association_id=association_id, year=2018,
                              period_end=date(2018, 4, 30), status="submitted", started_women=4, started_men=3)
        report.rows = [OutcomeRow(row_key="staff:0", amount=412_000)]
        db.session.add(report)
        db.session.commit()
        report_id = report.id
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="sv-SE")
    page = context.new_page()
    login(page, server, reviewer)
    for path in [f"/applications/{first}/followup", f"/applications/{first}/reports/{report_id}",
                 f"/associations/{association_id}/portfolio/2018"]:
        page.goto(server.url + path)
        scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll_width <= inner_width, f"{path} is {scroll_width} px wide in a {inner_width} px window"
    shot(page, f"layout-{width}-portfolio")
    page.get_by_role("button", name="English").click()  # longer words: "Unspent of the commitments"
    page.wait_for_load_state()
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"the English portfolio is {scroll_width} px wide in a {inner_width} px window"
    context.close()
